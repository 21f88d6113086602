"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import type { ContainerPage } from "@/lib/services/containers/list-containers";
import { api, errorText } from "@/components/ui/api-client";
import { colourFor } from "./log-model";
import { LogViewer, type LogSource } from "./log-viewer";

type HostOption = { id: string; name: string };

/** Several containers' logs in one view, merged by time; containers chosen on the page. */
export function MergedLogs({
  hosts,
  initialHost,
  initialIds,
}: {
  hosts: HostOption[];
  initialHost: string | null;
  initialIds: string[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [hostId, setHostId] = useState<string>(initialHost ?? hosts[0]?.id ?? "");
  const [rows, setRows] = useState<ContainerRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // null: every running container of the host
  const [chosen, setChosen] = useState<string[] | null>(initialIds.length > 0 ? initialIds : null);

  useEffect(() => {
    if (!hostId) return;
    const abort = new AbortController();
    setRows(null);
    api<ContainerPage>(`/api/containers?host=${encodeURIComponent(hostId)}&sort=name&limit=500`, {
      signal: abort.signal,
    })
      .then((page) => {
        setRows(page.items);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!abort.signal.aborted) setError(errorText(err));
      });
    return () => abort.abort();
  }, [hostId]);

  // Keep the address in step so the view can be bookmarked and shared.
  useEffect(() => {
    const q = new URLSearchParams();
    if (hostId) q.set("host", hostId);
    if (chosen && chosen.length > 0) q.set("ids", chosen.join(","));
    router.replace(`${pathname}?${q.toString()}`, { scroll: false });
  }, [hostId, chosen, router, pathname]);

  const matches = (row: ContainerRow, id: string) =>
    row.id === id || row.id.startsWith(id) || row.name === id;

  const selectedRows = useMemo(() => {
    if (!rows) return [];
    if (chosen === null) return rows.filter((r) => r.state === "running");
    return rows.filter((r) => chosen.some((id) => matches(r, id)));
  }, [rows, chosen]);

  const sources: LogSource[] = useMemo(
    () => selectedRows.map((r) => ({ hostId: r.hostId, containerId: r.id, name: r.name })),
    [selectedRows],
  );

  const toggle = (row: ContainerRow) => {
    const current = chosen ?? (rows ?? []).filter((r) => r.state === "running").map((r) => r.id);
    const has = current.some((id) => matches(row, id));
    setChosen(has ? current.filter((id) => !matches(row, id)) : [...current, row.id]);
  };

  return (
    <div className="space-y-4" data-testid="merged-logs">
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="text-xl font-semibold">Logs</h1>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          Host
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
            value={hostId}
            data-testid="logs-host"
            onChange={(e) => {
              setHostId(e.target.value);
              setChosen(null);
            }}
          >
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100"
          onClick={() => setChosen(null)}
          data-testid="logs-all-running"
        >
          All running
        </button>
      </div>
      {hosts.length === 0 ? <p className="text-sm text-slate-500">No hosts to show.</p> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {rows === null && !error && hostId ? (
        <p className="text-sm text-slate-500">Loading containers…</p>
      ) : null}
      {rows ? (
        <fieldset className="flex flex-wrap gap-2" data-testid="logs-picker">
          <legend className="sr-only">Containers</legend>
          {rows.length === 0 ? (
            <span className="text-sm text-slate-500">No containers on this host.</span>
          ) : null}
          {rows.map((row) => {
            const on = selectedRows.includes(row);
            return (
              <label
                key={row.id}
                className={`flex cursor-pointer items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs ${on ? "border-slate-400 bg-white" : "border-slate-200 bg-slate-50 text-slate-500"}`}
              >
                <input type="checkbox" checked={on} onChange={() => toggle(row)} />
                <span
                  className="inline-block h-2 w-2 rounded-full"
                  style={{ backgroundColor: colourFor(row.name) }}
                />
                {row.name}
                {row.state !== "running" ? (
                  <span className="text-slate-400">({row.state})</span>
                ) : null}
              </label>
            );
          })}
        </fieldset>
      ) : null}
      {sources.length > 0 ? (
        <LogViewer key={hostId} sources={sources} defaultTail={100} heightClass="h-[65vh]" />
      ) : rows && rows.length > 0 ? (
        <p className="text-sm text-slate-500">
          Choose one or more containers above.{" "}
          <Link href="/containers" className="text-sky-700 hover:underline">
            Container list
          </Link>
        </p>
      ) : null}
    </div>
  );
}
