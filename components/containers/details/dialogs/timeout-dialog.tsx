"use client";

import { useState } from "react";
import { CONTAINER_ACTIONS } from "@/lib/containers/container-actions";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";

/** Stop or restart: how long the engine waits before it kills the container. */
export function TimeoutDialog({
  action,
  name,
  busy,
  error,
  onClose,
  onConfirm,
}: {
  action: "stop" | "restart";
  name: string;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (timeoutSeconds: number | undefined) => void;
}) {
  const [timeout, setTimeoutText] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const verb = CONTAINER_ACTIONS[action].label;
  return (
    <Dialog title={`${verb} ${name}?`} onClose={onClose} busy={busy} testId={`${action}-dialog`}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const t = timeout.trim();
          if (t && (!/^\d+$/.test(t) || Number(t) > 3600)) {
            setFieldError("Give whole seconds from 0 to 3600.");
            return;
          }
          onConfirm(t ? Number(t) : undefined);
        }}
      >
        <Field
          id="timeoutSeconds"
          label="Seconds to wait before killing (empty: the container’s default, usually 10)"
          inputMode="numeric"
          value={timeout}
          error={fieldError}
          onChange={(e) => setTimeoutText(e.target.value)}
        />
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={busy} autoFocus data-testid={`${action}-confirm`}>
            {busy ? (action === "stop" ? "Stopping…" : "Restarting…") : verb}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
