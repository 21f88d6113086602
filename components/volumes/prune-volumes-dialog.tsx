"use client";

import type { VolumePruneResult } from "@/lib/protocol";
import { SuccessMessage } from "@/components/ui/alert";
import { formatBytes } from "@/components/ui/format";
import { postJson } from "@/components/ui/api-client";
import { PruneDialogFrame } from "@/components/ui/prune-dialog-frame";
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
  return (
    <PruneDialogFrame
      title="Prune volumes"
      testId="prune-volumes-dialog"
      hosts={hosts}
      initialHostId={initialHostId}
      disableOffline
      prune={(hostId) =>
        postJson<VolumePruneResult>(`/api/hosts/${encodeURIComponent(hostId)}/volumes/prune`)
      }
      describe={(res) => (
        <SuccessMessage>
          {res.deleted.length === 0
            ? "No volume was unused: nothing removed."
            : `Removed ${res.deleted.join(", ")}: ${formatBytes(res.spaceReclaimed)} reclaimed.`}
        </SuccessMessage>
      )}
      onClose={onClose}
      onDone={onDone}
    >
      <p className="text-sm text-slate-700">
        Removes every volume on the host that no container, running or stopped, uses, with all the
        data in it.
      </p>
    </PruneDialogFrame>
  );
}
