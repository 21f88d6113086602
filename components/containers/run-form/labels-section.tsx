"use client";

import { Card } from "@/components/ui/card";
import { RowInput } from "@/components/ui/controls";
import { AddButton, RemoveButton, SectionError } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

/** The container's labels. */
export function LabelsSection({ state }: { state: RunFormState }) {
  const { form, err, updateRow, addRow, removeRow } = state;
  return (
    <Card title="Labels">
      <div className="space-y-2" data-section="labels">
        <SectionError id="labels" error={err("labels")} />
        {form.labels.map((l, i) => (
          <div key={l.key} className="grid grid-cols-[1fr_2fr_2rem] items-start gap-2">
            <RowInput
              id={`labels-${i}-name`}
              label="Label name"
              placeholder="com.example.team"
              value={l.name}
              error={err(`labels-${i}-name`)}
              onChange={(e) => updateRow("labels", i, { name: e.target.value })}
            />
            <RowInput
              id={`labels-${i}-value`}
              label="Label value"
              value={l.value}
              error={err(`labels-${i}-value`)}
              onChange={(e) => updateRow("labels", i, { value: e.target.value })}
            />
            <RemoveButton label="Remove label" onClick={() => removeRow("labels", i)} />
          </div>
        ))}
        <AddButton onClick={() => addRow("labels")}>Add label</AddButton>
      </div>
    </Card>
  );
}
