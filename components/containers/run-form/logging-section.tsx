"use client";

import { RowInput } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { CollapsibleCard } from "./disclosure";
import { AddButton, RemoveButton, RowHeader, SectionError } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

const DRIVERS = ["json-file", "local", "none", "syslog", "journald", "gelf", "fluentd", "awslogs"];

/** --log-driver and --log-opt. */
export function LoggingSection({ state }: { state: RunFormState }) {
  const { form, err, set, updateRow, addRow, removeRow } = state;
  const filled = form.logDriver.trim() !== "" || form.logOptions.length > 0;
  return (
    <CollapsibleCard
      title="Logging"
      hint="Log driver and its options"
      filled={filled}
      testId="logging-card"
    >
      <div className="space-y-4">
        <div className="grid gap-4 md:grid-cols-3">
          <Field
            id="logDriver"
            label="Log driver (empty: the engine’s default)"
            placeholder="json-file"
            list="log-drivers"
            value={form.logDriver}
            error={err("logDriver")}
            onChange={(e) => set("logDriver", e.target.value)}
          />
          <datalist id="log-drivers">
            {DRIVERS.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </div>
        <div className="space-y-2" data-section="logOptions">
          <h3 className="text-sm font-medium text-slate-700">Log options (--log-opt)</h3>
          <SectionError id="logOptions" error={err("logOptions")} />
          {form.logOptions.length > 0 ? (
            <RowHeader columns="grid-cols-[1fr_1fr_2rem]" labels={["Option", "Value", ""]} />
          ) : null}
          {form.logOptions.map((row, i) => (
            <div key={row.key} className="grid grid-cols-[1fr_1fr_2rem] items-start gap-2">
              <RowInput
                id={`logOptions-${i}-name`}
                label="Log option"
                placeholder="max-size"
                value={row.name}
                error={err(`logOptions-${i}-name`)}
                onChange={(e) => updateRow("logOptions", i, { name: e.target.value })}
              />
              <RowInput
                id={`logOptions-${i}-value`}
                label={`Value of ${row.name || "the log option"}`}
                placeholder="10m"
                value={row.value}
                onChange={(e) => updateRow("logOptions", i, { value: e.target.value })}
              />
              <RemoveButton label="Remove log option" onClick={() => removeRow("logOptions", i)} />
            </div>
          ))}
          <AddButton onClick={() => addRow("logOptions")}>Add log option</AddButton>
        </div>
      </div>
    </CollapsibleCard>
  );
}
