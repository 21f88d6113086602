"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { AlertDeliveryStatus } from "@/lib/protocol";
import type {
  AlertDeliveryPage,
  AlertDeliveryRow,
} from "@/lib/services/alerts/list-alert-deliveries";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";

const STATUS_STYLE: Record<AlertDeliveryStatus, string> = {
  sent: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  pending: "bg-amber-100 text-amber-800",
};

/** While a delivery is pending the log looks again this often (the worker sends no push). */
const PENDING_REFRESH_MS = 3_000;

type Filters = { channelId: string; status: string };

function queryOf(filters: Filters, cursor?: string): string {
  const q = new URLSearchParams();
  if (filters.channelId) q.set("channelId", filters.channelId);
  if (filters.status) q.set("status", filters.status);
  if (cursor) q.set("cursor", cursor);
  return q.toString();
}

/** The delivery log: every attempt's outcome, filters, paging, and retry for administrators. */
export function DeliveryLog({
  initial,
  channels,
  canRetry,
}: {
  initial: AlertDeliveryPage;
  channels: Array<{ id: string; name: string }>;
  canRetry: boolean;
}) {
  const [rows, setRows] = useState<AlertDeliveryRow[]>(initial.deliveries);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [filters, setFilters] = useState<Filters>({ channelId: "", status: "" });
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (f: Filters) => {
    try {
      const page = await api<AlertDeliveryPage>(`/api/alerts/deliveries?${queryOf(f)}`);
      setRows(page.deliveries);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);

  useHostChangeFeed("alertsChanged", () => void load(filters));
  const pending = rows.some((r) => r.status === "pending");
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void load(filters), PENDING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, filters, load]);

  function filter(next: Filters) {
    setFilters(next);
    void load(next);
  }

  async function more() {
    if (!nextCursor) return;
    try {
      const page = await api<AlertDeliveryPage>(
        `/api/alerts/deliveries?${queryOf(filters, nextCursor)}`,
      );
      setRows((r) => [...r, ...page.deliveries]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function retry(row: AlertDeliveryRow) {
    try {
      await postJson(`/api/alerts/deliveries/${encodeURIComponent(row.id)}/retry`);
      await load(filters);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        {channels.length ? (
          <label className="space-y-1">
            <span className="block font-medium text-slate-700">Channel</span>
            <select
              aria-label="Channel"
              className="rounded-md border border-slate-300 px-2 py-1.5"
              value={filters.channelId}
              onChange={(e) => filter({ ...filters, channelId: e.target.value })}
            >
              <option value="">All channels</option>
              {channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="space-y-1">
          <span className="block font-medium text-slate-700">Status</span>
          <select
            aria-label="Status"
            className="rounded-md border border-slate-300 px-2 py-1.5"
            value={filters.status}
            onChange={(e) => filter({ ...filters, status: e.target.value })}
          >
            <option value="">Any status</option>
            <option value="pending">Pending</option>
            <option value="sent">Sent</option>
            <option value="failed">Failed</option>
          </select>
        </label>
      </div>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {rows.length === 0 ? (
        <p className="text-slate-500">No deliveries.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm" data-testid="delivery-log">
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Time</th>
                <th className="px-3 py-2">Channel</th>
                <th className="px-3 py-2">Trigger</th>
                <th className="px-3 py-2">Alert</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Attempts</th>
                <th className="px-3 py-2">Next attempt</th>
                <th className="px-3 py-2">Response</th>
                {canRetry ? <th className="px-3 py-2" /> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.id}
                  className="border-t border-slate-100 align-top"
                  data-testid="delivery-row"
                >
                  <td className="whitespace-nowrap px-3 py-2" title={formatDateTime(r.createdAt)}>
                    {formatRelative(r.createdAt)}
                  </td>
                  <td className="px-3 py-2">
                    {r.channelName}
                    <span className="block text-xs text-slate-500">
                      {r.channelType}
                      {r.recipient ? ` → ${r.recipient}` : ""}
                    </span>
                  </td>
                  <td className="px-3 py-2">{r.trigger}</td>
                  <td className="px-3 py-2">
                    {r.eventId && r.event ? (
                      <Link
                        className="text-sky-700 hover:underline"
                        href={`/alerts?event=${encodeURIComponent(r.eventId)}`}
                      >
                        {r.event.ruleName}
                        {r.event.hostName ? ` · ${r.event.hostName}` : ""}
                        {r.event.containerName ? ` / ${r.event.containerName}` : ""}
                      </Link>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs ${STATUS_STYLE[r.status]}`}
                      data-testid="delivery-status"
                    >
                      {r.status}
                    </span>
                  </td>
                  <td className="px-3 py-2" data-testid="delivery-attempts">
                    {r.attempts}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {r.nextAttemptAt ? formatDateTime(r.nextAttemptAt) : "—"}
                  </td>
                  <td className="max-w-md px-3 py-2">
                    {r.responseCode !== null ? (
                      <span className="font-mono text-xs">{r.responseCode} </span>
                    ) : null}
                    <span
                      className="break-words text-xs text-slate-700"
                      data-testid="delivery-response"
                    >
                      {r.response ?? ""}
                    </span>
                  </td>
                  {canRetry ? (
                    <td className="px-3 py-2">
                      {r.status === "failed" ? (
                        <Button
                          variant="secondary"
                          className="px-2 py-1 text-xs"
                          onClick={() => void retry(r)}
                        >
                          Retry
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <Button variant="secondary" onClick={() => void more()}>
          Older deliveries
        </Button>
      ) : null}
    </div>
  );
}
