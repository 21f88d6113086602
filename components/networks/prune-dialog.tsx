"use client";

import type { NetworkPruneResult } from "@/lib/protocol";
import { SuccessMessage } from "@/components/ui/alert";
import { postJson } from "@/components/ui/api-client";
import { PruneDialogFrame, type PruneDialogProps } from "@/components/ui/prune-dialog-frame";
import { networksApi } from "./api";

/** `docker network prune` on one host: what was removed, and what stopped containers kept. */
export function PruneDialog(props: PruneDialogProps) {
  return (
    <PruneDialogFrame
      title="Prune networks"
      testId="prune-dialog"
      {...props}
      prune={(hostId) => postJson<NetworkPruneResult>(networksApi(hostId, "prune"))}
      describe={(result) => (
        <>
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
        </>
      )}
    >
      <p className="text-sm text-slate-700">
        Removes every network no container uses. Networks only stopped containers use are kept
        (those containers could not start without them); bridge, host and none are never removed.
      </p>
    </PruneDialogFrame>
  );
}
