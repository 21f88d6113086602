"use client";

import { useState } from "react";
import type { AlertRuleView } from "@/lib/protocol";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SilencePicker } from "../silence-picker";

export type RuleAction = { kind: "silence" | "delete"; rule: AlertRuleView };

/** Silencing a rule for a while, or deleting it after a confirmation. */
export function RuleActionDialog({
  action,
  onClose,
  onDone,
}: {
  action: RuleAction;
  onClose: () => void;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/alerts/rules/${encodeURIComponent(action.rule.id)}`;

  async function run(call: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await call();
      onDone();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={
        action.kind === "silence" ? `Silence ${action.rule.name}` : `Delete ${action.rule.name}?`
      }
      onClose={onClose}
      busy={busy}
      testId={`rule-${action.kind}-dialog`}
    >
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {action.kind === "silence" ? (
        <>
          <p className="text-sm text-slate-600">
            No notification of this rule is sent until then; it keeps watching and its alerts are
            recorded as silenced.
          </p>
          <SilencePicker
            busy={busy}
            onSilence={(minutes, reason) =>
              void run(() =>
                api(`${url}/silence`, {
                  method: "POST",
                  json: { minutes, ...(reason.trim() ? { reason } : {}) },
                }),
              )
            }
          />
        </>
      ) : (
        <p className="text-sm text-slate-600">
          The rule stops watching, and its alerts leave the history.
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        {action.kind === "delete" ? (
          <Button
            variant="danger"
            disabled={busy}
            onClick={() => void run(() => api(url, { method: "DELETE" }))}
          >
            Delete rule
          </Button>
        ) : null}
      </div>
    </Dialog>
  );
}
