"use client";

import { Card } from "@/components/ui/card";
import { RowInput } from "@/components/ui/controls";
import { AddButton, RemoveButton, RowHeader, SectionError } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

/** The networks the container joins, with aliases. */
export function NetworkSection({ state }: { state: RunFormState }) {
  const { form, err, updateRow, addRow, removeRow } = state;
  return (
    <Card title="Network">
      <div className="space-y-2" data-section="networks">
        <p className="text-xs text-slate-500">
          Empty: the engine’s default bridge network. The first network is the one the container is
          created on.
        </p>
        <SectionError id="networks" error={err("networks")} />
        {form.networks.length > 0 ? (
          <RowHeader
            columns="grid-cols-[1fr_2fr_2rem]"
            labels={["Network", "Aliases (comma separated)", ""]}
          />
        ) : null}
        {form.networks.map((n, i) => (
          <div key={n.key} className="grid grid-cols-[1fr_2fr_2rem] items-start gap-2">
            <RowInput
              id={`networks-${i}-name`}
              label="Network name"
              placeholder="backend"
              value={n.name}
              error={err(`networks-${i}-name`)}
              onChange={(e) => updateRow("networks", i, { name: e.target.value })}
            />
            <RowInput
              id={`networks-${i}-aliases`}
              label="Aliases"
              placeholder="api, api.internal"
              value={n.aliases}
              error={err(`networks-${i}-aliases`)}
              onChange={(e) => updateRow("networks", i, { aliases: e.target.value })}
            />
            <RemoveButton label="Remove network" onClick={() => removeRow("networks", i)} />
          </div>
        ))}
        <AddButton onClick={() => addRow("networks")}>Add network</AddButton>
      </div>
    </Card>
  );
}
