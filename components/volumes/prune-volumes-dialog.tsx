"use client";

import { useState } from "react";
import type { VolumePruneResult } from "@/lib/protocol";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { formatBytes } from "@/components/ui/format";
import { HostOptions } from "@/components/ui/host-options";
import { errorText, postJson } from "@/components/ui/api-client";
import type { HostOption } from "./api";

/** `docker volume prune --all` on one host, with what it removed and the space it gave back. */
export function PruneVolumesDialog({
  hosts,
  initialHostId,
  onClose,
  onDone,
}: {
  hosts: HostOption[];
  initialHostId?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [hostId, setHostId] = useState(initialHostId ?? hosts[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);

  async function prune() {
    setBusy(true);
    setError(null);
    try {
      const res = await postJson<VolumePruneResult>(
        `/api/hosts/${encodeURIComponent(hostId)}/volumes/prune`,
      );
      setResult(
        res.deleted.length === 0
          ? "No volume was unused: nothing removed."
          : `Removed ${res.deleted.join(", ")}: ${formatBytes(res.spaceReclaimed)} reclaimed.`,
      );
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Prune volumes" onClose={onClose} busy={busy} testId="prune-volumes-dialog">
      <SelectField
        id="prune-host"
        label="Host"
        value={hostId}
        onChange={(e) => setHostId(e.target.value)}
      >
        <HostOptions hosts={hosts} disableOffline />
      </SelectField>
      <p className="text-sm text-slate-700">
        Removes every volume on the host that no container, running or stopped, uses, with all the
        data in it.
      </p>
      {result ? <SuccessMessage testId="prune-result">{result}</SuccessMessage> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          Close
        </Button>
        <Button variant="danger" onClick={() => void prune()} disabled={busy || !hostId}>
          {busy ? "Pruning…" : "Prune"}
        </Button>
      </div>
    </Dialog>
  );
}
