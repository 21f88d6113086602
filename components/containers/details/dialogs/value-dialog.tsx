"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";

/** An action that takes one value (a signal, a new name). */
export function ValueDialog({
  title,
  fieldId,
  fieldLabel,
  initial,
  confirm,
  danger = false,
  busy,
  error,
  onClose,
  onConfirm,
}: {
  title: string;
  fieldId: string;
  fieldLabel: string;
  initial: string;
  confirm: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (value: string) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <Dialog title={title} onClose={onClose} busy={busy} testId={`${fieldId}-dialog`}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(value);
        }}
      >
        <Field
          id={fieldId}
          label={fieldLabel}
          value={value}
          autoFocus
          error={error ?? undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        <div className="flex gap-2">
          <Button
            type="submit"
            variant={danger ? "danger" : "primary"}
            disabled={busy}
            data-testid={`${fieldId}-confirm`}
          >
            {busy ? "Working…" : confirm}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
