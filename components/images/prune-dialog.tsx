"use client";

import { useState } from "react";
import type { ImagePruneResult } from "@/lib/protocol";
import { SuccessMessage } from "@/components/ui/alert";
import { formatBytes } from "@/components/ui/format";
import { postJson } from "@/components/ui/api-client";
import { PruneDialogFrame, type PruneDialogProps } from "@/components/ui/prune-dialog-frame";
import { imagesApi } from "./api";

/** `docker image prune [-a]` on one host, with the space it gave back. */
export function PruneDialog(props: PruneDialogProps) {
  const [all, setAll] = useState(false);
  return (
    <PruneDialogFrame
      title="Prune images"
      testId="prune-dialog"
      {...props}
      prune={(hostId) => postJson<ImagePruneResult>(imagesApi(hostId, "prune"), { all })}
      describe={(res) => (
        <SuccessMessage>
          {`${res.deleted.length} image layer${res.deleted.length === 1 ? "" : "s"} deleted, ${formatBytes(res.spaceReclaimed)} reclaimed.`}
        </SuccessMessage>
      )}
    >
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
    </PruneDialogFrame>
  );
}
