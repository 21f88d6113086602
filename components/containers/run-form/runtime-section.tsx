"use client";

import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import type { RunForm } from "./run-form-model";
import type { RunFormState } from "./use-run-form-state";

/** Restart policy and resource limits. */
export function RuntimeSection({ state }: { state: RunFormState }) {
  const { form, err, set } = state;
  return (
    <Card title="Runtime">
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          id="restartPolicy"
          label="Restart policy"
          value={form.restartPolicy}
          error={err("restartPolicy")}
          onChange={(e) => set("restartPolicy", e.target.value as RunForm["restartPolicy"])}
        >
          <option value="no">no</option>
          <option value="always">always</option>
          <option value="unless-stopped">unless-stopped</option>
          <option value="on-failure">on-failure</option>
        </SelectField>
        {form.restartPolicy === "on-failure" ? (
          <Field
            id="restartPolicy-maxRetries"
            label="Max retries (optional)"
            inputMode="numeric"
            value={form.maxRetries}
            error={err("restartPolicy-maxRetries")}
            onChange={(e) => set("maxRetries", e.target.value)}
          />
        ) : (
          <div />
        )}
        <div />
        <Field
          id="cpus"
          label="CPUs (optional)"
          placeholder="0.5"
          inputMode="decimal"
          value={form.cpus}
          error={err("cpus")}
          onChange={(e) => set("cpus", e.target.value)}
        />
        <Field
          id="memoryBytes"
          label="Memory limit (optional)"
          placeholder="512m, 1g"
          value={form.memoryBytes}
          error={err("memoryBytes")}
          onChange={(e) => set("memoryBytes", e.target.value)}
        />
        <Field
          id="pidsLimit"
          label="Process limit (optional)"
          inputMode="numeric"
          placeholder="200"
          value={form.pidsLimit}
          error={err("pidsLimit")}
          onChange={(e) => set("pidsLimit", e.target.value)}
        />
      </div>
    </Card>
  );
}
