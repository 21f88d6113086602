"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { VolumeRestoreResult } from "@/lib/protocol";
import type { StoredBackup } from "@/lib/services/volumes/backup-files";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { newCallId } from "@/components/ui/call-id";
import { INPUT_CLASS } from "@/components/ui/controls";
import { volumeApi, volumeHref } from "./api";
import { describeBytes, useByteProgress } from "./use-byte-progress";

const FILE = "";

/**
 * Restores a stored backup or an uploaded .tar.gz into this volume (when it is empty and no
 * running container uses it) or into a new volume, with the bytes sent as progress.
 */
export function RestoreForm({
  hostId,
  volume,
  stored,
  onRestored,
}: {
  hostId: string;
  volume: string;
  stored: StoredBackup[];
  onRestored: (message: string) => void;
}) {
  const router = useRouter();
  const [source, setSource] = useState(FILE);
  const [into, setInto] = useState<"this" | "new">("new");
  const [newName, setNewName] = useState(`${volume}-restored`);
  const [callId, setCallId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const progress = useByteProgress(callId);

  async function restore() {
    const target = into === "this" ? volume : newName.trim();
    const chosen = file.current?.files?.[0];
    if (source === FILE && !chosen) {
      setError("Choose a .tar.gz file to restore.");
      return;
    }
    const id = newCallId();
    const params = new URLSearchParams({ callId: id, create: into === "new" ? "1" : "0" });
    if (source !== FILE) {
      params.set("backup", source);
      params.set("from", volume);
    }
    setCallId(id);
    setError(null);
    try {
      const res = await api<VolumeRestoreResult>(
        `${volumeApi(hostId, target, "restore")}?${params}`,
        {
          method: "POST",
          ...(source === FILE
            ? { headers: { "content-type": "application/gzip" }, body: chosen }
            : {}),
        },
      );
      onRestored(`Restored ${res.entries} entries into ${res.name}.`);
      if (into === "new") router.push(volumeHref(hostId, res.name));
      else router.refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setCallId(null);
    }
  }

  return (
    <form
      className="space-y-2 border-t border-slate-100 pt-3"
      onSubmit={(e) => {
        e.preventDefault();
        void restore();
      }}
    >
      <h3 className="text-sm font-semibold text-slate-700">Restore</h3>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <div className="space-y-1">
          <label htmlFor="restore-source" className="block text-xs text-slate-600">
            From
          </label>
          <select
            id="restore-source"
            className={`${INPUT_CLASS} border-slate-300 py-1.5`}
            value={source}
            onChange={(e) => setSource(e.target.value)}
          >
            <option value={FILE}>a .tar.gz file from this computer</option>
            {stored.map((b) => (
              <option key={b.id} value={b.id}>
                {b.id}
              </option>
            ))}
          </select>
        </div>
        {source === FILE ? (
          <input
            ref={file}
            type="file"
            accept=".gz,.tgz,application/gzip"
            aria-label="Backup file"
            className="text-sm"
          />
        ) : null}
      </div>
      <fieldset className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="restore-into"
            checked={into === "new"}
            onChange={() => setInto("new")}
          />
          into a new volume
          <input
            aria-label="New volume name"
            className={`${INPUT_CLASS} w-56 border-slate-300 py-1`}
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            disabled={into !== "new"}
          />
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="restore-into"
            checked={into === "this"}
            onChange={() => setInto("this")}
          />
          into {volume} (only if it is empty and no running container uses it)
        </label>
      </fieldset>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <Button type="submit" variant="secondary" disabled={callId !== null}>
        {callId ? `Restoring… ${describeBytes(progress)}` : "Restore"}
      </Button>
    </form>
  );
}
