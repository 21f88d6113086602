"use client";

import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/controls";
import type { RunFormState } from "./use-run-form-state";

/** --rm and whether to start the container at once. */
export function LifecycleSection({ state }: { state: RunFormState }) {
  const { form, set } = state;
  return (
    <Card title="When it runs">
      <div className="space-y-3">
        <Checkbox
          id="autoRemove"
          label="Remove the container when it exits (--rm)"
          checked={form.autoRemove}
          onChange={(e) => set("autoRemove", e.target.checked)}
        />
        <Checkbox
          id="start"
          label="Start it right after creating it"
          checked={form.start}
          onChange={(e) => set("start", e.target.checked)}
        />
      </div>
    </Card>
  );
}
