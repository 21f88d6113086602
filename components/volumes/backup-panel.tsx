"use client";

import { useCallback, useEffect, useState } from "react";
import type { VolumeBackups } from "@/lib/services/volumes/list-volume-backups";
import type { StoredVolumeBackup } from "@/lib/services/volumes/store-volume-backup";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { api, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { newCallId } from "@/components/ui/call-id";
import { Card } from "@/components/ui/card";
import { INPUT_CLASS } from "@/components/ui/controls";
import { formatBytes, formatDateTime } from "@/components/ui/format";
import { volumeApi } from "./api";
import { RestoreForm } from "./restore-form";
import { ScheduleForm } from "./schedule-form";
import { describeBytes, useByteProgress } from "./use-byte-progress";

/**
 * Backups of one volume: a .tar.gz download, backups kept on the Berth server (with a retention
 * count), restoring one of them or an uploaded file, and a backup schedule.
 */
export function BackupPanel({
  hostId,
  volume,
  canManage,
}: {
  hostId: string;
  volume: string;
  canManage: boolean;
}) {
  const [data, setData] = useState<VolumeBackups | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [retention, setRetention] = useState("7");
  const [downloadCall, setDownloadCall] = useState(newCallId);
  const [storeCall, setStoreCall] = useState<string | null>(null);
  const downloaded = useByteProgress(downloadCall);
  const stored = useByteProgress(storeCall);
  const url = (action: string) => volumeApi(hostId, volume, action);

  const refresh = useCallback(async () => {
    try {
      setData(await api<VolumeBackups>(volumeApi(hostId, volume, "backups")));
    } catch (err) {
      setError(errorText(err));
    }
  }, [hostId, volume]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function store() {
    const callId = newCallId();
    setStoreCall(callId);
    setError(null);
    setNotice(null);
    try {
      const res = await postJson<StoredVolumeBackup>(url("backup"), {
        retention: Number(retention),
        callId,
      });
      setNotice(
        `Stored ${res.id} (${formatBytes(res.size)})${res.removed.length ? `; removed ${res.removed.length} older` : ""}.`,
      );
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setStoreCall(null);
    }
  }

  return (
    <Card title="Backups">
      <div className="space-y-4" data-testid="backup-panel">
        <div className="flex flex-wrap items-end gap-3">
          <a
            href={`${url("backup")}?callId=${encodeURIComponent(downloadCall)}`}
            download
            onClick={() => setTimeout(() => setDownloadCall(newCallId()), 60_000)}
            className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
          >
            Download backup (.tar.gz)
          </a>
          {downloaded ? (
            <span className="text-sm text-slate-600" data-testid="download-progress">
              {describeBytes(downloaded)} sent
            </span>
          ) : null}
          {canManage ? (
            <>
              <div className="w-28 space-y-1">
                <label htmlFor="backup-retention" className="block text-xs text-slate-600">
                  Keep newest
                </label>
                <input
                  id="backup-retention"
                  type="number"
                  min={1}
                  max={1000}
                  className={`${INPUT_CLASS} border-slate-300 py-1.5`}
                  value={retention}
                  onChange={(e) => setRetention(e.target.value)}
                />
              </div>
              <Button onClick={() => void store()} disabled={storeCall !== null}>
                {storeCall ? `Backing up… ${describeBytes(stored)}` : "Back up to the Berth server"}
              </Button>
            </>
          ) : null}
        </div>
        {notice ? <SuccessMessage testId="backup-notice">{notice}</SuccessMessage> : null}
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}

        <div>
          <h3 className="mb-1 text-sm font-semibold text-slate-700">Kept on the Berth server</h3>
          {data && data.backups.length === 0 ? (
            <p className="text-sm text-slate-500">None yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="stored-backups">
              {data?.backups.map((b) => (
                <li key={b.id} className="flex items-center gap-3 py-1">
                  <span className="font-mono text-xs">{b.id}</span>
                  <span className="text-slate-500">{formatDateTime(b.createdAt)}</span>
                  <span className="text-slate-500">{formatBytes(b.size)}</span>
                  <a
                    href={`${url("backups")}/${encodeURIComponent(b.id)}`}
                    download
                    className="ml-auto text-xs text-sky-800 hover:underline"
                  >
                    Download
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>

        {canManage ? (
          <>
            <RestoreForm
              hostId={hostId}
              volume={volume}
              stored={data?.backups ?? []}
              onRestored={setNotice}
            />
            <ScheduleForm
              hostId={hostId}
              volume={volume}
              schedule={data?.schedule ?? null}
              onChanged={() => void refresh()}
            />
          </>
        ) : data?.schedule ? (
          <p className="text-sm text-slate-600">
            Backed up on the schedule <code>{data.schedule.cron}</code>.
          </p>
        ) : null}
      </div>
    </Card>
  );
}
