"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { ImagePage, ImageRow } from "@/lib/services/images/list-images";
import type { RemovedImage } from "@/lib/services/images/remove-image";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "@/components/ui/controls";
import { api, errorText, isAbort, postJson } from "@/components/ui/api-client";
import { formatBytes, formatRelative } from "@/components/ui/format";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";
import { imageHref, shortId, type HostOption, type RegistryOption } from "./api";
import { LoadButton } from "./load-button";
import { PruneDialog } from "./prune-dialog";
import { TransferDialog } from "./transfer-dialog";

type Sort = "name" | "host" | "size" | "created";
type Filters = {
  host: string;
  q: string;
  dangling: "" | "only" | "hide";
  unused: boolean;
  sort: Sort;
  dir: "asc" | "desc";
};

function listUrl(f: Filters): string {
  const params = new URLSearchParams({ sort: f.sort, dir: f.dir });
  if (f.host) params.set("host", f.host);
  if (f.q.trim()) params.set("q", f.q.trim());
  if (f.dangling) params.set("dangling", f.dangling);
  if (f.unused) params.set("unused", "only");
  return `/api/images?${params.toString()}`;
}

/** Every image of the hosts the user may read: filter, sort, remove, pull, load, prune. */
export function ImageList({
  hosts,
  registries,
  initialHost = "",
}: {
  hosts: HostOption[];
  registries: RegistryOption[];
  initialHost?: string;
}) {
  const [filters, setFilters] = useState<Filters>({
    host: initialHost,
    q: "",
    dangling: "",
    unused: false,
    sort: "created",
    dir: "desc",
  });
  const [data, setData] = useState<ImagePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"pull" | "prune" | null>(null);
  const [busyRow, setBusyRow] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    try {
      setData(await api<ImagePage>(listUrl(filters), { signal: controller.signal }));
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(errorText(err));
    }
  }, [filters]);

  useEffect(() => {
    const timer = setTimeout(() => void refresh(), 200);
    return () => clearTimeout(timer);
  }, [refresh]);

  useHostChangeFeed("imagesChanged", (hostId) => {
    if (hostId === null || !filters.host || hostId === filters.host) void refresh();
  });

  const canPull = hosts.some((h) => roleAllows(h.role, "image.pull"));
  const canRemove = hosts.some((h) => roleAllows(h.role, "image.remove"));
  const canLoad = hosts.some((h) => roleAllows(h.role, "image.build"));
  const totalSize = useMemo(() => (data?.items ?? []).reduce((sum, i) => sum + i.size, 0), [data]);

  async function remove(row: ImageRow, force: boolean) {
    const key = `${row.hostId}/${row.id}`;
    setBusyRow(key);
    setNotice(null);
    try {
      const res = await postJson<RemovedImage>(
        `/api/hosts/${encodeURIComponent(row.hostId)}/images/remove`,
        { ref: row.id, force },
      );
      setNotice(
        `Removed ${row.tags[0] ?? shortId(row.id)} on ${row.hostName}: ${res.deleted.length} layer${res.deleted.length === 1 ? "" : "s"} deleted.`,
      );
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
          : sort === "name" || sort === "host"
            ? "asc"
            : "desc",
    }));
  const arrow = (sort: Sort) =>
    filters.sort === sort ? (filters.dir === "asc" ? " ▲" : " ▼") : "";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Images</h1>
        <span className="text-sm text-slate-500" data-testid="image-count">
          {data ? `${data.items.length} images · ${formatBytes(totalSize)}` : ""}
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {canPull ? <Button onClick={() => setDialog("pull")}>Pull</Button> : null}
          {canLoad ? (
            <>
              <Link
                href="/images/build"
                className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
              >
                Build
              </Link>
              <LoadButton
                hosts={hosts}
                onLoaded={(msg) => (setNotice(msg), void refresh())}
                onError={setError}
              />
            </>
          ) : null}
          {canRemove ? (
            <Button variant="secondary" onClick={() => setDialog("prune")}>
              Prune
            </Button>
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
            aria-label="Search images"
            placeholder="Search name or id"
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.q}
            onChange={(e) => setFilters((f) => ({ ...f, q: e.target.value }))}
          />
        </div>
        <div className="w-48">
          <select
            aria-label="Dangling"
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.dangling}
            onChange={(e) =>
              setFilters((f) => ({ ...f, dangling: e.target.value as Filters["dangling"] }))
            }
          >
            <option value="">Tagged and dangling</option>
            <option value="hide">Tagged only</option>
            <option value="only">Dangling only</option>
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={filters.unused}
            onChange={(e) => setFilters((f) => ({ ...f, unused: e.target.checked }))}
          />
          Unused only
        </label>
      </div>

      {notice ? <SuccessMessage testId="notice">{notice}</SuccessMessage> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {data?.hosts
        .filter((h) => !h.online || h.error)
        .map((h) => (
          <p key={h.id} className="text-sm text-amber-700">
            {h.name}: {h.online ? h.error : "offline, its images are not listed"}
          </p>
        ))}

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="image-table">
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="px-3 py-2">
                <button className="uppercase" onClick={() => sortBy("name")}>
                  Repository : tag{arrow("name")}
                </button>
              </th>
              <th className="px-3 py-2">Id</th>
              <th className="px-3 py-2">
                <button className="uppercase" onClick={() => sortBy("host")}>
                  Host{arrow("host")}
                </button>
              </th>
              <th className="px-3 py-2 text-right">
                <button className="uppercase" onClick={() => sortBy("size")}>
                  Size{arrow("size")}
                </button>
              </th>
              <th className="px-3 py-2">
                <button className="uppercase" onClick={() => sortBy("created")}>
                  Created{arrow("created")}
                </button>
              </th>
              <th className="px-3 py-2">Used by</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {data && data.items.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  No images match.
                </td>
              </tr>
            ) : null}
            {data?.items.map((row) => {
              const key = `${row.hostId}/${row.id}`;
              return (
                <tr key={key} className="border-t border-slate-100" data-testid="image-row">
                  <td className="px-3 py-2">
                    <Link
                      href={imageHref(row.hostId, row.id)}
                      className="font-medium text-sky-800 hover:underline"
                    >
                      {row.tags.length > 0 ? row.tags.join(", ") : "<none>"}
                    </Link>
                    {row.dangling ? (
                      <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">
                        dangling
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-600">{shortId(row.id)}</td>
                  <td className="px-3 py-2">{row.hostName}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatBytes(row.size)}</td>
                  <td className="px-3 py-2 text-slate-600">{formatRelative(row.createdAt)}</td>
                  <td className="px-3 py-2 text-slate-600">
                    {row.containers.length === 0
                      ? "unused"
                      : row.containers.map((c) => c.name).join(", ")}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {roleAllows(row.role, "image.remove") ? (
                      <Button
                        variant="secondary"
                        className="px-2 py-1 text-xs"
                        disabled={busyRow === key}
                        onClick={() => {
                          const inUse = row.containers.length > 0 || row.tags.length > 1;
                          if (
                            inUse &&
                            !window.confirm(
                              row.containers.length > 0
                                ? `Containers use this image (${row.containers.map((c) => c.name).join(", ")}). Remove it by force?`
                                : `Remove all ${row.tags.length} tags of this image?`,
                            )
                          ) {
                            return;
                          }
                          void remove(row, inUse);
                        }}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {dialog === "pull" ? (
        <TransferDialog
          mode="pull"
          hosts={hosts.filter((h) => roleAllows(h.role, "image.pull"))}
          registries={registries}
          initialHostId={filters.host || undefined}
          onClose={() => setDialog(null)}
          onDone={() => void refresh()}
        />
      ) : null}
      {dialog === "prune" ? (
        <PruneDialog
          hosts={hosts.filter((h) => roleAllows(h.role, "image.remove"))}
          initialHostId={filters.host || undefined}
          onClose={() => setDialog(null)}
          onDone={() => void refresh()}
        />
      ) : null}
    </div>
  );
}
