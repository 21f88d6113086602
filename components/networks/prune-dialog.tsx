"use client";

import { useState } from "react";
import type { NetworkPruneResult } from "@/lib/protocol";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { errorText, postJson } from "@/components/ui/api-client";
import { networksApi, type HostOption } from "./api";

/** `docker network prune` on one host: what was removed, and what stopped containers kept. */
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
  const [hostId, setHostId] = useState(
    hosts.find((h) => h.id === initialHostId)?.id ?? hosts[0]?.id ?? "",
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<NetworkPruneResult | null>(null);

  async function prune() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await postJson<NetworkPruneResult>(networksApi(hostId, "prune")));
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Prune networks" onClose={onClose} busy={busy} testId="prune-dialog">
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
      <p className="text-sm text-slate-700">
        Removes every network no container uses. Networks only stopped containers use are kept
        (those containers could not start without them); bridge, host and none are never removed.
      </p>
      {result ? (
        <div className="space-y-2" data-testid="prune-result">
          <SuccessMessage>
            {result.deleted.length === 0
              ? "No unused networks: nothing was removed."
              : `Removed ${result.deleted.length} network${result.deleted.length === 1 ? "" : "s"}: ${result.deleted.join(", ")}.`}
          </SuccessMessage>
          {result.kept.map((k) => (
            <p key={k.name} className="text-sm text-slate-600">
              Kept {k.name}: the stopped {k.containers.length === 1 ? "container" : "containers"}{" "}
              {k.containers.join(", ")} {k.containers.length === 1 ? "uses" : "use"} it.
            </p>
          ))}
        </div>
      ) : null}
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
