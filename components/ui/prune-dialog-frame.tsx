"use client";

import { useState } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { HostOptions } from "@/components/ui/host-options";
import { errorText } from "@/components/ui/api-client";

/** What a list hands its prune dialog: the hosts it may prune, the list's host, and callbacks. */
export type PruneDialogProps = {
  hosts: ReadonlyArray<{ id: string; name: string; online: boolean }>;
  initialHostId?: string;
  onClose: () => void;
  /** A prune worked: the list behind refreshes. */
  onDone: () => void;
};

/**
 * A prune on one host: the host picker, what the area explains or asks (`children`), the confirm
 * button, then `describe` of what `prune` answered, or the error. The list's host is picked first
 * when it may be pruned.
 */
export function PruneDialogFrame<Result>({
  title,
  testId,
  hosts,
  initialHostId,
  disableOffline = false,
  prune,
  describe,
  onClose,
  onDone,
  children,
}: PruneDialogProps & {
  title: string;
  testId: string;
  /** Offline hosts marked and not choosable. */
  disableOffline?: boolean;
  prune: (hostId: string) => Promise<Result>;
  describe: (result: Result) => React.ReactNode;
  children: React.ReactNode;
}) {
  const [hostId, setHostId] = useState(
    hosts.find((h) => h.id === initialHostId)?.id ?? hosts[0]?.id ?? "",
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ value: Result } | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult({ value: await prune(hostId) });
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose} busy={busy} testId={testId}>
      <SelectField
        id="prune-host"
        label="Host"
        value={hostId}
        onChange={(e) => setHostId(e.target.value)}
      >
        {disableOffline ? (
          <HostOptions hosts={hosts} disableOffline />
        ) : (
          hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))
        )}
      </SelectField>
      {children}
      {result ? (
        <div className="space-y-2" data-testid="prune-result">
          {describe(result.value)}
        </div>
      ) : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          Close
        </Button>
        <Button variant="danger" onClick={() => void run()} disabled={busy || !hostId}>
          {busy ? "Pruning…" : "Prune"}
        </Button>
      </div>
    </Dialog>
  );
}
