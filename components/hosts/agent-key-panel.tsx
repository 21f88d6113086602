"use client";

import { useState } from "react";
import { postJson } from "@/components/ui/api-client";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { AgentKeyConflictView } from "@/lib/services/hosts/list-agent-key-conflicts";

type Reenrolment = { command: string; expiresAt: string };

const where = (address: string | null) => address ?? "an unknown address";

/** One connection that presented the key while another held it, in words. */
function describeConflict(conflict: AgentKeyConflictView): string {
  const at = new Date(conflict.at).toLocaleString();
  return conflict.outcome === "refused"
    ? `${at}: a connection from ${where(conflict.address)} was refused, since the agent connected from ${where(conflict.liveAddress)} answered.`
    : `${at}: a connection from ${where(conflict.address)} replaced the one from ${where(conflict.liveAddress)}, which did not answer.`;
}

/**
 * Host admins revoke the agent's key (the agent is cut off at once) or issue a new one, and see
 * when a second party presented the key while the agent was connected.
 */
export function AgentKeyPanel({
  hostId,
  keyRevoked,
  conflicts,
}: {
  hostId: string;
  keyRevoked: boolean;
  conflicts: AgentKeyConflictView[];
}) {
  const [revoked, setRevoked] = useState(keyRevoked);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reenrolment, setReenrolment] = useState<Reenrolment | null>(null);

  async function run<T>(action: string): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      return await postJson<T>(`/api/hosts/${hostId}/agent/${action}`, {});
    } catch (err) {
      setError((err as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3 text-sm" data-testid="agent-key-panel">
      <p className="text-slate-600">
        {revoked
          ? "This host's agent key is revoked: its agent cannot connect until the host is re-enrolled."
          : "The agent signs in with its own key. Revoke it if the host may be compromised; the agent is disconnected at once."}
      </p>
      {conflicts.length > 0 && !revoked ? (
        <ErrorMessage>
          <div data-testid="agent-key-conflicts" className="space-y-1">
            <p className="font-medium">Another connection presented this host&apos;s agent key:</p>
            <ul className="list-disc pl-5">
              {conflicts.map((conflict) => (
                <li key={conflict.at}>{describeConflict(conflict)}</li>
              ))}
            </ul>
            <p>
              Unless that was this host&apos;s agent reconnecting, someone else holds the key:
              revoke it and re-enrol the host.
            </p>
          </div>
        </ErrorMessage>
      ) : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <div className="flex gap-2">
        {revoked ? null : (
          <Button variant="danger" onClick={() => setConfirming(true)} disabled={busy}>
            Revoke agent key
          </Button>
        )}
        <Button
          variant="secondary"
          disabled={busy}
          onClick={async () => {
            const issued = await run<Reenrolment>("reenroll");
            if (issued) setReenrolment(issued);
          }}
        >
          Re-enrol agent
        </Button>
      </div>
      {reenrolment ? (
        <div className="space-y-2">
          <p className="text-slate-600">
            Run this on the host as root. It gives the agent a new key; the old key stops working.
            The token works once, until {new Date(reenrolment.expiresAt).toLocaleTimeString()}.
          </p>
          <pre
            data-testid="reenroll-command"
            className="whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 font-[family-name:var(--font-geist-mono)] text-xs text-emerald-200"
          >
            {reenrolment.command}
          </pre>
        </div>
      ) : null}
      {confirming ? (
        <Dialog
          title="Revoke this host's agent key?"
          onClose={() => setConfirming(false)}
          busy={busy}
        >
          <p className="text-sm text-slate-600">
            The agent is disconnected now and cannot connect again with its key. Containers keep
            running on the host, but Berth cannot reach them until you re-enrol the agent.
          </p>
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
            <Button
              variant="danger"
              disabled={busy}
              onClick={async () => {
                if ((await run("revoke")) !== null) {
                  setRevoked(true);
                  setConfirming(false);
                }
              }}
            >
              Revoke key
            </Button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
