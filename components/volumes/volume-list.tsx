"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { VolumePage, VolumeRow } from "@/lib/services/volumes/list-volumes";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "@/components/ui/controls";
import { api, errorText, isAbort } from "@/components/ui/api-client";
import { formatBytes, formatRelative } from "@/components/ui/format";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";
import { volumeApi, volumeHref, type HostOption } from "./api";
import { CreateVolumeDialog } from "./create-volume-dialog";
import { PruneVolumesDialog } from "./prune-volumes-dialog";

type Sort = "name" | "host" | "driver" | "size" | "created";
type Filters = {
  host: string;
  q: string;
  dangling: "" | "only" | "hide";
  sort: Sort;
  dir: "asc" | "desc";
};

function listUrl(f: Filters): string {
  const params = new URLSearchParams({ sort: f.sort, dir: f.dir });
  if (f.host) params.set("host", f.host);
  if (f.q.trim()) params.set("q", f.q.trim());
  if (f.dangling) params.set("dangling", f.dangling);
  return `/api/volumes?${params.toString()}`;
}

const COLUMNS: Array<[Sort | null, string, string]> = [
  ["name", "Name", ""],
  ["host", "Host", ""],
  ["driver", "Driver", ""],
  ["size", "Size", "text-right"],
  ["created", "Created", ""],
  [null, "Used by", ""],
  [null, "Labels", ""],
];

/** Every volume of the hosts the user may read: filter, sort, create, remove, prune; live. */
export function VolumeList({
  hosts,
  initialHost = "",
}: {
  hosts: HostOption[];
  initialHost?: string;
}) {
  const [filters, setFilters] = useState<Filters>({
    host: initialHost,
    q: "",
    dangling: "",
    sort: "name",
    dir: "asc",
  });
  const [data, setData] = useState<VolumePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"create" | "prune" | null>(null);
  const [busyRow, setBusyRow] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    try {
      setData(await api<VolumePage>(listUrl(filters), { signal: controller.signal }));
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(errorText(err));
    }
  }, [filters]);

  useEffect(() => {
    const timer = setTimeout(() => void refresh(), 200);
    return () => clearTimeout(timer);
  }, [refresh]);

  useHostChangeFeed("volumesChanged", (hostId) => {
    if (hostId === null || !filters.host || hostId === filters.host) void refresh();
  });

  const managers = hosts.filter((h) => roleAllows(h.role, "volume.manage"));
  const measured = useMemo(
    () => (data?.items ?? []).reduce((sum, v) => sum + (v.size ?? 0), 0),
    [data],
  );

  async function remove(row: VolumeRow) {
    if (!window.confirm(`Remove the volume ${row.name} on ${row.hostName} and everything in it?`))
      return;
    setBusyRow(row.id);
    setNotice(null);
    try {
      await api(volumeApi(row.hostId, row.name), { method: "DELETE" });
      setNotice(`Removed the volume ${row.name} on ${row.hostName}.`);
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusyRow(null);
    }
  }

  const sortBy = (sort: Sort) =>
    setFilters((f) => ({
      ...f,
      sort,
      dir:
        f.sort === sort
          ? f.dir === "asc"
            ? "desc"
            : "asc"
          : sort === "size" || sort === "created"
            ? "desc"
            : "asc",
    }));
  const arrow = (sort: Sort) =>
    filters.sort === sort ? (filters.dir === "asc" ? " ▲" : " ▼") : "";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Volumes</h1>
        <span className="text-sm text-slate-500" data-testid="volume-count">
          {data ? `${data.items.length} volumes · ${formatBytes(measured)} measured` : ""}
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {managers.length > 0 ? (
            <>
              <Button onClick={() => setDialog("create")}>Create volume</Button>
              <Button variant="secondary" onClick={() => setDialog("prune")}>
                Prune
              </Button>
            </>
          ) : null}
        </div>
      </div>

      <div className="flex flex-wrap gap-2">
        <div className="w-48">
          <select
            aria-label="Host"
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.host}
            onChange={(e) => setFilters((f) => ({ ...f, host: e.target.value }))}
          >
            <option value="">All hosts</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </div>
        <div className="w-64">
          <input
            aria-label="Search volumes"
            placeholder="Search name, driver or label"
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.q}
            onChange={(e) => setFilters((f) => ({ ...f, q: e.target.value }))}
          />
        </div>
        <div className="w-48">
          <select
            aria-label="In use"
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.dangling}
            onChange={(e) =>
              setFilters((f) => ({ ...f, dangling: e.target.value as Filters["dangling"] }))
            }
          >
            <option value="">Used and unused</option>
            <option value="hide">Used by a container</option>
            <option value="only">Unused (dangling)</option>
          </select>
        </div>
      </div>

      {notice ? <SuccessMessage testId="notice">{notice}</SuccessMessage> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {data?.hosts
        .filter((h) => !h.online || h.error)
        .map((h) => (
          <p key={h.id} className="text-sm text-amber-700">
            {h.name}: {h.online ? h.error : "offline, its volumes are not listed"}
          </p>
        ))}

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="volume-table">
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
            <tr>
              {COLUMNS.map(([sort, label, align]) => (
                <th key={label} className={`px-3 py-2 ${align}`}>
                  {sort ? (
                    <button className="uppercase" onClick={() => sortBy(sort)}>
                      {label}
                      {arrow(sort)}
                    </button>
                  ) : (
                    label
                  )}
                </th>
              ))}
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {data && data.items.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                  No volumes match.
                </td>
              </tr>
            ) : null}
            {data?.items.map((row) => (
              <tr key={row.id} className="border-t border-slate-100" data-testid="volume-row">
                <td className="max-w-xs px-3 py-2">
                  <Link
                    href={volumeHref(row.hostId, row.name)}
                    className="font-medium break-all text-sky-800 hover:underline"
                  >
                    {row.name}
                  </Link>
                  {row.dangling ? (
                    <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">
                      dangling
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2">{row.hostName}</td>
                <td className="px-3 py-2 text-slate-600">{row.driver}</td>
                <td
                  className="px-3 py-2 text-right tabular-nums"
                  title={row.sizeAt ? `measured ${formatRelative(row.sizeAt)}` : "not measured yet"}
                >
                  {row.size === null ? (
                    <span className="text-slate-400">…</span>
                  ) : (
                    formatBytes(row.size)
                  )}
                </td>
                <td className="px-3 py-2 text-slate-600">{formatRelative(row.createdAt)}</td>
                <td className="px-3 py-2 text-slate-600">
                  {row.containers.length === 0
                    ? "unused"
                    : row.containers
                        .map((c) => `${c.name}${c.running ? "" : " (stopped)"}`)
                        .join(", ")}
                </td>
                <td className="px-3 py-2 text-xs text-slate-600">
                  {Object.entries(row.labels)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ")}
                </td>
                <td className="px-3 py-2 text-right">
                  {roleAllows(row.role, "volume.manage") ? (
                    <Button
                      variant="secondary"
                      className="px-2 py-1 text-xs"
                      disabled={busyRow === row.id}
                      onClick={() => void remove(row)}
                    >
                      Remove
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {dialog === "create" ? (
        <CreateVolumeDialog
          hosts={managers}
          initialHostId={filters.host || undefined}
          onClose={() => setDialog(null)}
          onCreated={(msg) => {
            setNotice(msg);
            setDialog(null);
            void refresh();
          }}
        />
      ) : null}
      {dialog === "prune" ? (
        <PruneVolumesDialog
          hosts={managers}
          initialHostId={filters.host || undefined}
          onClose={() => setDialog(null)}
          onDone={() => void refresh()}
        />
      ) : null}
    </div>
  );
}
