"use client";

import { useState } from "react";
import type { BackupScheduleView } from "@/lib/services/volumes/list-volume-backups";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "@/components/ui/controls";
import { formatBytes, formatDateTime } from "@/components/ui/format";
import { volumeApi } from "./api";

/** The volume's backup schedule (a cron expression the server runs), with its last result. */
export function ScheduleForm({
  hostId,
  volume,
  schedule,
  onChanged,
}: {
  hostId: string;
  volume: string;
  schedule: BackupScheduleView | null;
  onChanged: () => void;
}) {
  const [cron, setCron] = useState(schedule?.cron ?? "0 3 * * *");
  const [retention, setRetention] = useState(String(schedule?.retention ?? 7));
  const [error, setError] = useState<string | null>(null);
  const url = volumeApi(hostId, volume, "schedule");

  async function change(method: "PUT" | "DELETE") {
    setError(null);
    try {
      await api(
        url,
        method === "PUT" ? { method, json: { cron, retention: Number(retention) } } : { method },
      );
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form
      className="space-y-2 border-t border-slate-100 pt-3"
      data-testid="backup-schedule"
      onSubmit={(e) => {
        e.preventDefault();
        void change("PUT");
      }}
    >
      <h3 className="text-sm font-semibold text-slate-700">
        Scheduled backups to the Berth server
      </h3>
      {schedule ? (
        <p className="text-sm text-slate-600">
          <code>{schedule.cron}</code>, keeping {schedule.retention}; next{" "}
          {formatDateTime(schedule.nextRunAt)}
          {schedule.lastRunAt ? (
            <>
              ; last run {formatDateTime(schedule.lastRunAt)}:{" "}
              {schedule.lastOutcome === "SUCCESS" ? (
                <span className="text-emerald-700">
                  done{schedule.lastBytes !== null ? ` (${formatBytes(schedule.lastBytes)})` : ""}
                </span>
              ) : (
                <span className="text-red-700">failed: {schedule.lastError}</span>
              )}
            </>
          ) : null}
          . Set up by {schedule.createdBy}.
        </p>
      ) : (
        <p className="text-sm text-slate-500">No schedule.</p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div className="space-y-1">
          <label htmlFor="schedule-cron" className="block text-xs text-slate-600">
            Cron (server time; 5 fields, or 6 with seconds first)
          </label>
          <input
            id="schedule-cron"
            className={`${INPUT_CLASS} w-48 border-slate-300 py-1.5 font-mono`}
            value={cron}
            onChange={(e) => setCron(e.target.value)}
          />
        </div>
        <div className="w-24 space-y-1">
          <label htmlFor="schedule-retention" className="block text-xs text-slate-600">
            Keep newest
          </label>
          <input
            id="schedule-retention"
            type="number"
            min={1}
            className={`${INPUT_CLASS} border-slate-300 py-1.5`}
            value={retention}
            onChange={(e) => setRetention(e.target.value)}
          />
        </div>
        <Button type="submit" variant="secondary">
          {schedule ? "Change schedule" : "Schedule"}
        </Button>
        {schedule ? (
          <Button type="button" variant="secondary" onClick={() => void change("DELETE")}>
            Stop scheduling
          </Button>
        ) : null}
      </div>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
    </form>
  );
}
