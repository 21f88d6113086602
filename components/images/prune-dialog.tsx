"use client";

import { useState } from "react";
import type { ImagePruneResult } from "@/lib/protocol";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { formatBytes } from "@/components/ui/format";
import { errorText, postJson } from "@/components/ui/api-client";
import { imagesApi, type HostOption } from "./api";

/** `docker image prune [-a]` on one host, with the space it gave back. */
export function PruneDialog({
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
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);

  async function prune() {
    setBusy(true);
    setError(null);
    try {
      const res = await postJson<ImagePruneResult>(imagesApi(hostId, "prune"), { all });
      setResult(
        `${res.deleted.length} image layer${res.deleted.length === 1 ? "" : "s"} deleted, ${formatBytes(res.spaceReclaimed)} reclaimed.`,
      );
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Prune images" onClose={onClose} busy={busy} testId="prune-dialog">
      <SelectField
        id="prune-host"
        label="Host"
        value={hostId}
        onChange={(e) => setHostId(e.target.value)}
      >
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </SelectField>
      <fieldset className="space-y-2 text-sm">
        <label className="flex items-start gap-2">
          <input type="radio" name="prune-scope" checked={!all} onChange={() => setAll(false)} />
          <span>Dangling images only (untagged, not used by any container)</span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="prune-scope" checked={all} onChange={() => setAll(true)} />
          <span>Every image no container uses, tagged or not</span>
        </label>
      </fieldset>
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
