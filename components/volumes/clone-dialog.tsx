"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { VolumeRestoreResult } from "@/lib/protocol";
import { ErrorMessage } from "@/components/ui/alert";
import { errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { newCallId } from "@/components/ui/call-id";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { volumeApi, volumeHref } from "./api";
import { describeBytes, useByteProgress } from "./use-byte-progress";

/** A new local volume with the same contents, copied on the host; opens it when done. */
export function CloneDialog({
  hostId,
  volume,
  labels,
  onClose,
}: {
  hostId: string;
  volume: string;
  labels: Record<string, string>;
  onClose: () => void;
}) {
  const router = useRouter();
  const [name, setName] = useState(`${volume}-copy`);
  const [callId, setCallId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useByteProgress(callId);

  async function clone() {
    const id = newCallId();
    setCallId(id);
    setError(null);
    try {
      const res = await postJson<VolumeRestoreResult>(volumeApi(hostId, volume, "clone"), {
        name: name.trim(),
        labels,
        callId: id,
      });
      router.push(volumeHref(hostId, res.name));
    } catch (err) {
      setError(errorText(err));
      setCallId(null);
    }
  }

  return (
    <Dialog
      title={`Clone ${volume}`}
      onClose={onClose}
      busy={callId !== null}
      testId="clone-dialog"
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void clone();
        }}
      >
        <Field
          id="clone-name"
          label="New volume"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <p className="text-sm text-slate-600">
          Copies every file with its owner, mode and times into a new local volume with the same
          labels. Containers writing to {volume} meanwhile may leave the copy in between states:
          stop them first for an exact copy.
        </p>
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose} disabled={callId !== null}>
            Cancel
          </Button>
          <Button type="submit" disabled={callId !== null || !name.trim()}>
            {callId ? `Copying… ${describeBytes(progress)}` : "Clone"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
