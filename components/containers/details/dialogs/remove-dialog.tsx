"use client";

import { useState } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";

export function RemoveDialog({
  name,
  running,
  busy,
  error,
  onClose,
  onConfirm,
}: {
  name: string;
  running: boolean;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (force: boolean, removeVolumes: boolean) => void;
}) {
  const [force, setForce] = useState(running);
  const [removeVolumes, setRemoveVolumes] = useState(false);
  return (
    <Dialog title={`Remove ${name}?`} onClose={onClose} busy={busy} testId="remove-dialog">
      <p className="text-sm text-slate-600">
        The container and its writable layer are deleted. This cannot be undone.
      </p>
      <Checkbox
        id="remove-force"
        label="Force: stop it first if it is running"
        checked={force}
        onChange={(e) => setForce(e.target.checked)}
      />
      <Checkbox
        id="remove-volumes"
        label="Also remove its anonymous volumes"
        hint="Named volumes are kept either way."
        checked={removeVolumes}
        onChange={(e) => setRemoveVolumes(e.target.checked)}
      />
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <div className="flex gap-2">
        <Button
          variant="danger"
          disabled={busy}
          onClick={() => onConfirm(force, removeVolumes)}
          data-testid="remove-confirm"
        >
          {busy ? "Removing…" : "Remove"}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
}
