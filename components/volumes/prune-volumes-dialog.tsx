"use client";

import type { VolumePruneResult } from "@/lib/protocol";
import { SuccessMessage } from "@/components/ui/alert";
import { formatBytes } from "@/components/ui/format";
import { postJson } from "@/components/ui/api-client";
import { PruneDialogFrame, type PruneDialogProps } from "@/components/ui/prune-dialog-frame";

/** `docker volume prune --all` on one host, with what it removed and the space it gave back. */
export function PruneVolumesDialog(props: PruneDialogProps) {
  return (
    <PruneDialogFrame
      title="Prune volumes"
      testId="prune-volumes-dialog"
      {...props}
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
    >
      <p className="text-sm text-slate-700">
        Removes every volume on the host that no container, running or stopped, uses, with all the
        data in it.
      </p>
    </PruneDialogFrame>
  );
}
