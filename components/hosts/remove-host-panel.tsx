"use client";

import { useState } from "react";
import type { RemoveHostResult } from "@/lib/protocol";
import type { HostSshView } from "@/lib/services/hosts/get-host-ssh";
import { api, errorText } from "@/components/ui/api-client";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { newCallId } from "@/components/ui/call-id";
import { Dialog } from "@/components/ui/dialog";
import { SshCredentialFields, type CredentialInput } from "./ssh-credential-fields";
import { useOnboardingProgress } from "./use-onboarding-progress";

/**
 * Administrators remove a host: its agent key is revoked at once; a host added over SSH can also
 * have its agent stopped and uninstalled there, through the host key pinned when it was added.
 */
export function RemoveHostPanel({
  hostId,
  hostName,
  ssh,
}: {
  hostId: string;
  hostName: string;
  ssh: HostSshView | null;
}) {
  const [confirming, setConfirming] = useState(false);
  const [uninstall, setUninstall] = useState(ssh !== null);
  const [credential, setCredential] = useState<CredentialInput>({
    method: "password",
    password: "",
    privateKey: "",
    passphrase: "",
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [callId, setCallId] = useState<string | null>(null);
  const progress = useOnboardingProgress(callId);
  const askCredential = uninstall && ssh !== null && !ssh.credentialKept;

  async function remove() {
    const id = newCallId();
    setCallId(id);
    setBusy(true);
    setError(null);
    try {
      await api<RemoveHostResult>(`/api/hosts/${hostId}`, {
        method: "DELETE",
        json: {
          uninstall,
          callId: id,
          ...(askCredential
            ? {
                credential:
                  credential.method === "password"
                    ? { method: "password", password: credential.password }
                    : {
                        method: "key",
                        privateKey: credential.privateKey,
                        passphrase: credential.passphrase || undefined,
                      },
              }
            : {}),
        },
      });
      window.location.assign("/hosts");
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600">
        Removing the host revokes its agent key and deletes it from Berth with its grants and
        history. Its containers keep running.
      </p>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Remove host
      </Button>
      {confirming ? (
        <Dialog title={`Remove ${hostName}?`} onClose={() => setConfirming(false)} busy={busy}>
          <div className="space-y-3 text-sm">
            {ssh ? (
              <label className="flex items-start gap-2 text-slate-700">
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={uninstall}
                  onChange={(e) => setUninstall(e.target.checked)}
                />
                <span>
                  Stop and uninstall the agent over SSH ({ssh.user}@{ssh.address}:{ssh.port}, with
                  the host key pinned when it was added)
                </span>
              </label>
            ) : (
              <p className="text-slate-600">
                This host was not added over SSH: its agent stays installed (and is refused from now
                on). Remove it on the host with{" "}
                <code>rm -rf /opt/berth-agent /var/lib/berth-agent /etc/berth-agent.env</code> after
                stopping it.
              </p>
            )}
            {askCredential ? (
              <SshCredentialFields value={credential} onChange={setCredential} />
            ) : null}
            {progress.other ? (
              <pre
                data-testid="uninstall-output"
                className="max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-900 p-2 text-xs text-emerald-200"
              >
                {progress.other}
              </pre>
            ) : null}
            {error ? <ErrorMessage>{error}</ErrorMessage> : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
                Cancel
              </Button>
              <Button variant="danger" onClick={() => void remove()} disabled={busy}>
                {busy ? "Removing…" : "Remove host"}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
