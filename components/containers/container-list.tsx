"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import { ContainerStateSchema } from "@/lib/protocol";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/components/ui/format";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import type { ContainerPage } from "@/lib/services/containers/list-containers";
import { api, errorText, isAbort } from "@/components/ui/api-client";
import { detailsHref } from "./urls";
import { BulkBar, type Selected } from "./bulk-bar";
import { formatPercent, formatRelative } from "./format";
import { filtersToParams, hasFilters, type ListFilters, type SortKey } from "./list-filters";
import { useContainerFeed } from "./live";
import { PortLink, portLabel, uniquePorts } from "./ports";
import { HealthText, StateBadge } from "./state-badge";

const PAGE_SIZE = 200;
const ROW_HEIGHT = 40;
const REFRESH_DEBOUNCE_MS = 150;
const TEXT_DEBOUNCE_MS = 300;

const GRID =
  "36px minmax(160px,2fr) minmax(100px,1fr) minmax(140px,2fr) 104px 76px minmax(150px,2fr) 96px minmax(120px,1.5fr) 64px 84px";

type Slot = ContainerRow | null;

export type HostOption = { id: string; name: string; role: HostRoleName };

function keyOf(row: { hostId: string; id: string }): string {
  return `${row.hostId}/${row.id}`;
}

function listUrl(filters: ListFilters, page: number): string {
  const params = filtersToParams(filters);
  params.set("sort", filters.sort);
  params.set("dir", filters.dir);
  params.set("offset", String(page * PAGE_SIZE));
  params.set("limit", String(PAGE_SIZE));
  return `/api/containers?${params.toString()}`;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function ContainerList({
  initialFilters,
  hosts: initialHosts,
}: {
  initialFilters: ListFilters;
  hosts: HostOption[];
}) {
  // Free-text filters are typed here and reach the query after a pause.
  const [form, setForm] = useState(initialFilters);
  const typed = useDebounced(
    useMemo(
      () => ({ q: form.q, image: form.image, label: form.label }),
      [form.q, form.image, form.label],
    ),
    TEXT_DEBOUNCE_MS,
  );
  const filters = useMemo<ListFilters>(
    () => ({ ...form, q: typed.q, image: typed.image, label: typed.label }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [form.host, form.state, form.sort, form.dir, typed],
  );
  const filterKey = JSON.stringify(filters);

  const [pages, setPages] = useState<Map<number, ContainerRow[]>>(() => new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [apiHosts, setApiHosts] = useState<ContainerPage["hosts"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloadTick, setReloadTick] = useState(0);
  const [selected, setSelected] = useState<Map<string, Selected>>(() => new Map());
  const [bulkNote, setBulkNote] = useState<string | null>(null);
  const lastClicked = useRef<number | null>(null);

  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  const controllers = useRef(new Set<AbortController>());

  // Keep the URL in step with the view (without a server round trip).
  useEffect(() => {
    const query = filtersToParams(filters).toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) {
      window.history.replaceState(window.history.state, "", url);
    }
  }, [filters]);

  const fetchPages = useCallback(
    async (pageNumbers: number[], replaceAll: boolean) => {
      const gen = generation.current;
      const wanted = pageNumbers.filter((p) => replaceAll || !inFlight.current.has(p));
      if (wanted.length === 0) return;
      for (const p of wanted) inFlight.current.add(p);
      const controller = new AbortController();
      controllers.current.add(controller);
      try {
        const answers = await Promise.all(
          wanted.map((p) =>
            api<ContainerPage>(listUrl(filters, p), { signal: controller.signal }).then(
              (body) => [p, body] as const,
            ),
          ),
        );
        if (gen !== generation.current) return;
        setPages((prev) => {
          const next = replaceAll ? new Map<number, ContainerRow[]>() : new Map(prev);
          for (const [p, body] of answers) next.set(p, body.items);
          return next;
        });
        const last = answers[answers.length - 1];
        if (last) {
          setTotal(last[1].total);
          setApiHosts(last[1].hosts);
        }
        setError(null);
      } catch (err) {
        if (isAbort(err) || gen !== generation.current) return;
        setError(errorText(err));
      } finally {
        controllers.current.delete(controller);
        if (gen === generation.current) {
          for (const p of wanted) inFlight.current.delete(p);
          setLoading(false);
        }
      }
    },
    // filterKey stands for filters
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filterKey],
  );

  // A new query starts from scratch.
  useEffect(() => {
    generation.current += 1;
    inFlight.current.clear();
    for (const c of controllers.current) c.abort();
    controllers.current.clear();
    setPages(new Map());
    setLoading(true);
    lastClicked.current = null;
    void fetchPages([0], true);
  }, [fetchPages, reloadTick]);

  const count = total ?? 0;
  const data = useMemo<Slot[]>(() => {
    const out: Slot[] = new Array(count);
    for (let i = 0; i < count; i += 1) {
      out[i] = pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE] ?? null;
    }
    return out;
  }, [pages, count]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length > 0 ? Math.floor(items[0]!.index / PAGE_SIZE) : 0;
  const lastPage = items.length > 0 ? Math.floor(items[items.length - 1]!.index / PAGE_SIZE) : 0;

  // Fetch the pages the user scrolls into.
  useEffect(() => {
    if (total === null) return;
    const missing: number[] = [];
    for (let p = firstPage; p <= lastPage; p += 1) {
      if (!pages.has(p) && p * PAGE_SIZE < total) missing.push(p);
    }
    if (missing.length > 0) void fetchPages(missing, false);
  }, [firstPage, lastPage, pages, total, fetchPages]);

  // Live: refetch what is on screen shortly after a change; patch stats in place.
  const visiblePages = useRef<number[]>([0]);
  visiblePages.current = [];
  for (let p = firstPage; p <= lastPage; p += 1) visiblePages.current.push(p);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleRefresh = useCallback(() => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      const onScreen = visiblePages.current.length > 0 ? visiblePages.current : [0];
      void fetchPages(onScreen, true);
    }, REFRESH_DEBOUNCE_MS);
  }, [fetchPages]);
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  useContainerFeed({
    onChange: (hostId, change) => {
      if (change?.kind === "upsert") {
        const key = `${hostId}/${change.container.id}`;
        setPages((prev) => {
          let touched = false;
          const next = new Map<number, ContainerRow[]>();
          for (const [p, rows] of prev) {
            next.set(
              p,
              rows.map((row) => {
                if (keyOf(row) !== key) return row;
                touched = true;
                return {
                  ...row,
                  ...change.container,
                  cpuPercent: change.container.cpuPercent ?? row.cpuPercent,
                  memoryBytes: change.container.memoryBytes ?? row.memoryBytes,
                };
              }),
            );
          }
          return touched ? next : prev;
        });
      }
      scheduleRefresh();
    },
    onStats: (hostId, statItems) => {
      const byId = new Map(statItems.map((s) => [s.id, s]));
      setPages((prev) => {
        let touched = false;
        const next = new Map<number, ContainerRow[]>();
        for (const [p, rows] of prev) {
          next.set(
            p,
            rows.map((row) => {
              if (row.hostId !== hostId) return row;
              const stat = byId.get(row.id);
              if (!stat) return row;
              touched = true;
              return { ...row, cpuPercent: stat.cpuPercent, memoryBytes: stat.memoryBytes };
            }),
          );
        }
        return touched ? next : prev;
      });
    },
    onHostStatus: (status) => {
      setApiHosts(
        (prev) =>
          prev?.map((h) => (h.id === status.hostId ? { ...h, online: status.online } : h)) ?? prev,
      );
      scheduleRefresh();
    },
    onReconnect: scheduleRefresh,
  });

  // Selection survives paging and refetches; rows are named by host and id.
  const loadedRows = useMemo(() => data.filter((r): r is ContainerRow => r !== null), [data]);
  const toggleRow = useCallback(
    (index: number, shift: boolean) => {
      const row = data[index];
      if (!row) return;
      // Shift-click extends from the last clicked row (read now: the updater runs later).
      const anchor = shift ? lastClicked.current : null;
      const from = anchor !== null ? Math.min(anchor, index) : index;
      const to = anchor !== null ? Math.max(anchor, index) : index;
      lastClicked.current = index;
      setBulkNote(null);
      setSelected((prev) => {
        const next = new Map(prev);
        const select = !prev.has(keyOf(row));
        for (let i = from; i <= to; i += 1) {
          const r = data[i];
          if (!r) continue;
          if (select)
            next.set(keyOf(r), { hostId: r.hostId, id: r.id, name: r.name, role: r.role });
          else next.delete(keyOf(r));
        }
        return next;
      });
    },
    [data],
  );
  const allLoadedSelected =
    loadedRows.length > 0 && loadedRows.every((r) => selected.has(keyOf(r)));
  const someLoadedSelected = loadedRows.some((r) => selected.has(keyOf(r)));
  const toggleAllLoaded = () => {
    setBulkNote(null);
    setSelected((prev) => {
      const next = new Map(prev);
      for (const r of loadedRows) {
        if (allLoadedSelected) next.delete(keyOf(r));
        else next.set(keyOf(r), { hostId: r.hostId, id: r.id, name: r.name, role: r.role });
      }
      return next;
    });
  };

  const setSort = (key: SortKey) => {
    setForm((prev) => ({
      ...prev,
      sort: key,
      dir:
        prev.sort === key
          ? prev.dir === "asc"
            ? "desc"
            : "asc"
          : key === "cpu" || key === "memory" || key === "created"
            ? "desc"
            : "asc",
    }));
  };

  const columns = useMemo<ColumnDef<Slot>[]>(
    () => [
      { id: "select", header: "", cell: () => null },
      {
        id: "name",
        header: "Name",
        meta: { sort: "name" },
        cell: ({ row }) => {
          const c = row.original;
          if (!c) return null;
          return (
            <Link
              href={detailsHref(c.hostId, c.id)}
              className="truncate font-medium text-sky-800 hover:underline"
              title={c.name}
              data-testid="container-name"
            >
              {c.name}
            </Link>
          );
        },
      },
      {
        id: "host",
        header: "Host",
        meta: { sort: "host" },
        cell: ({ row }) => {
          const c = row.original;
          if (!c) return null;
          return (
            <span
              className="flex min-w-0 items-center gap-1.5"
              title={c.hostOnline ? c.hostName : `${c.hostName} (offline)`}
            >
              <span
                className={`h-1.5 w-1.5 shrink-0 rounded-full ${c.hostOnline ? "bg-emerald-500" : "bg-slate-400"}`}
              />
              <span className="truncate">{c.hostName}</span>
            </span>
          );
        },
      },
      {
        id: "image",
        header: "Image",
        meta: { sort: "image" },
        cell: ({ row }) =>
          row.original ? (
            <span className="truncate font-mono text-xs text-slate-700" title={row.original.image}>
              {row.original.image}
            </span>
          ) : null,
      },
      {
        id: "state",
        header: "State",
        meta: { sort: "state" },
        cell: ({ row }) => (row.original ? <StateBadge state={row.original.state} /> : null),
      },
      {
        id: "health",
        header: "Health",
        cell: ({ row }) => (row.original ? <HealthText health={row.original.health} /> : null),
      },
      {
        id: "ports",
        header: "Ports",
        cell: ({ row }) => {
          const c = row.original;
          if (!c) return null;
          const ports = uniquePorts(c.ports);
          if (ports.length === 0) return <span className="text-slate-400">—</span>;
          const shown = ports.slice(0, 1);
          return (
            <span
              className="flex min-w-0 items-center gap-2 overflow-hidden"
              title={ports.map(portLabel).join(", ")}
            >
              {shown.map((p) => (
                <PortLink
                  key={`${p.ip}|${p.publicPort}|${p.privatePort}|${p.type}`}
                  port={p}
                  hostAddress={c.hostAddress}
                  hostName={c.hostName}
                  className="shrink-0"
                />
              ))}
              {ports.length > shown.length ? (
                <span className="shrink-0 text-xs text-slate-500">
                  +{ports.length - shown.length}
                </span>
              ) : null}
            </span>
          );
        },
      },
      {
        id: "created",
        header: "Created",
        meta: { sort: "created" },
        cell: ({ row }) =>
          row.original ? (
            <span className="text-slate-600">{formatRelative(row.original.createdAt)}</span>
          ) : null,
      },
      {
        id: "status",
        header: "Status",
        cell: ({ row }) => {
          const c = row.original;
          if (!c) return null;
          return (
            <span className="truncate text-slate-600" title={c.status}>
              {c.hostOnline ? c.status : `${c.status} · host offline`}
            </span>
          );
        },
      },
      {
        id: "cpu",
        header: "CPU",
        meta: { sort: "cpu", align: "right" },
        cell: ({ row }) =>
          row.original ? (
            <span className="tabular-nums" data-testid="container-cpu">
              {row.original.state === "running" ? formatPercent(row.original.cpuPercent) : "—"}
            </span>
          ) : null,
      },
      {
        id: "memory",
        header: "Memory",
        meta: { sort: "memory", align: "right" },
        cell: ({ row }) =>
          row.original ? (
            <span className="tabular-nums" data-testid="container-memory">
              {row.original.state === "running" && row.original.memoryBytes !== null
                ? formatBytes(row.original.memoryBytes)
                : "—"}
            </span>
          ) : null,
      },
    ],
    [],
  );

  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    getRowId: (row, index) => (row ? keyOf(row) : `loading-${index}`),
  });
  const rows = table.getRowModel().rows;

  const hostOptions = useMemo(() => {
    if (apiHosts) return apiHosts.map((h) => ({ id: h.id, name: h.name, online: h.online }));
    return initialHosts.map((h) => ({ id: h.id, name: h.name, online: true }));
  }, [apiHosts, initialHosts]);
  const canDeploy = initialHosts.some((h) => roleAllows(h.role, "container.create"));
  const runHref = form.host
    ? `/containers/new?host=${encodeURIComponent(form.host)}`
    : "/containers/new";
  const filtered = hasFilters(filters);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Containers</h1>
        <span className="text-sm text-slate-500" data-testid="container-total">
          {total === null
            ? "loading…"
            : `${total.toLocaleString()} ${total === 1 ? "container" : "containers"}${filtered ? " match" : ""}`}
        </span>
        {canDeploy ? (
          <Link
            href={runHref}
            data-testid="run-container"
            className="ml-auto inline-flex items-center rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800"
          >
            Run container
          </Link>
        ) : null}
      </div>

      <div
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
        data-testid="container-filters"
      >
        <FilterSelect
          id="filter-host"
          label="Host"
          value={form.host}
          onChange={(host) => setForm((f) => ({ ...f, host }))}
          options={[
            { value: "", label: "All hosts" },
            ...hostOptions.map((h) => ({
              value: h.id,
              label: h.online ? h.name : `${h.name} (offline)`,
            })),
          ]}
        />
        <FilterSelect
          id="filter-state"
          label="State"
          value={form.state}
          onChange={(state) => setForm((f) => ({ ...f, state }))}
          options={[
            { value: "", label: "Any state" },
            ...ContainerStateSchema.options.map((s) => ({ value: s, label: s })),
          ]}
        />
        <FilterInput
          id="filter-q"
          label="Name"
          placeholder="web"
          value={form.q}
          onChange={(q) => setForm((f) => ({ ...f, q }))}
        />
        <FilterInput
          id="filter-image"
          label="Image"
          placeholder="nginx"
          value={form.image}
          onChange={(image) => setForm((f) => ({ ...f, image }))}
        />
        <FilterInput
          id="filter-label"
          label="Label"
          placeholder="key or key=value"
          value={form.label}
          onChange={(label) => setForm((f) => ({ ...f, label }))}
        />
        {hasFilters(form) ? (
          <button
            type="button"
            className="pb-2 text-sm text-sky-700 hover:underline"
            onClick={() =>
              setForm((f) => ({ ...f, host: "", state: "", q: "", image: "", label: "" }))
            }
          >
            Clear filters
          </button>
        ) : null}
      </div>

      {selected.size === 0 && bulkNote ? (
        <p className="text-sm text-emerald-800" data-testid="bulk-note" role="status">
          {bulkNote}
        </p>
      ) : null}
      {selected.size > 0 ? (
        <BulkBar
          selected={[...selected.values()]}
          onClear={() => setSelected(new Map())}
          onDone={(succeeded, note) => {
            setBulkNote(note);
            setSelected((prev) => {
              const next = new Map(prev);
              for (const key of succeeded) next.delete(key);
              return next;
            });
            scheduleRefresh();
          }}
        />
      ) : null}

      {error ? (
        <div className="flex items-start gap-3" data-testid="container-list-error">
          <div className="flex-1">
            <ErrorMessage>{error}</ErrorMessage>
          </div>
          <Button variant="secondary" onClick={() => setReloadTick((t) => t + 1)}>
            Retry
          </Button>
        </div>
      ) : null}

      {total === 0 && !loading && !error ? (
        <div
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500"
          data-testid="container-list-empty"
        >
          {filtered ? (
            <>No containers match these filters.</>
          ) : (
            <>
              No containers yet.{" "}
              {canDeploy ? (
                <>
                  Use{" "}
                  <Link href={runHref} className="font-medium text-sky-700 hover:underline">
                    Run container
                  </Link>{" "}
                  to start one.
                </>
              ) : (
                "Containers on your hosts show up here as soon as they exist."
              )}
            </>
          )}
        </div>
      ) : total === null && error ? null : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <div
            role="table"
            aria-rowcount={count}
            className="min-w-[1120px] text-sm"
            data-testid="container-table"
          >
            <div
              role="rowgroup"
              className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500"
            >
              {table.getHeaderGroups().map((group) => (
                <div
                  role="row"
                  key={group.id}
                  className="grid items-center"
                  style={{ gridTemplateColumns: GRID }}
                >
                  {group.headers.map((header) => {
                    const meta = header.column.columnDef.meta as
                      { sort?: SortKey; align?: "right" } | undefined;
                    if (header.column.id === "select") {
                      return (
                        <div
                          role="columnheader"
                          key={header.id}
                          className="flex items-center justify-center py-2"
                        >
                          <input
                            type="checkbox"
                            aria-label="Select all loaded containers"
                            data-testid="select-all"
                            checked={allLoadedSelected}
                            ref={(el) => {
                              if (el) el.indeterminate = !allLoadedSelected && someLoadedSelected;
                            }}
                            onChange={toggleAllLoaded}
                            disabled={loadedRows.length === 0}
                          />
                        </div>
                      );
                    }
                    const sortKey = meta?.sort;
                    const active = sortKey && filters.sort === sortKey;
                    const content = flexRender(header.column.columnDef.header, header.getContext());
                    return (
                      <div
                        role="columnheader"
                        key={header.id}
                        aria-sort={
                          active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined
                        }
                        className={`px-3 py-2 ${meta?.align === "right" ? "text-right" : ""}`}
                      >
                        {sortKey ? (
                          <button
                            type="button"
                            onClick={() => setSort(sortKey)}
                            className={`inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-800 ${active ? "text-slate-900" : ""}`}
                            data-testid={`sort-${sortKey}`}
                          >
                            {content}
                            <span aria-hidden className="w-2">
                              {active ? (filters.dir === "asc" ? "▲" : "▼") : ""}
                            </span>
                          </button>
                        ) : (
                          content
                        )}
                      </div>
                    );
                  })}
                </div>
              ))}
            </div>
            <div
              ref={scrollRef}
              role="rowgroup"
              className="max-h-[calc(100vh-330px)] min-h-[160px] overflow-y-auto"
              style={{ height: Math.max(count * ROW_HEIGHT, 160) + 1 }}
              data-testid="container-scroll"
            >
              <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
                {items.map((item) => {
                  const row = rows[item.index];
                  const c = row?.original ?? null;
                  const isSelected = c ? selected.has(keyOf(c)) : false;
                  return (
                    <div
                      role="row"
                      key={row?.id ?? item.key}
                      aria-rowindex={item.index + 1}
                      data-testid={c ? "container-row" : "container-row-loading"}
                      data-container-id={c?.id}
                      data-host-id={c?.hostId}
                      data-name={c?.name}
                      className={`absolute left-0 top-0 grid w-full items-center border-b border-slate-100 ${isSelected ? "bg-sky-50" : "hover:bg-slate-50"} ${c && !c.hostOnline ? "text-slate-400" : ""}`}
                      style={{
                        gridTemplateColumns: GRID,
                        height: ROW_HEIGHT,
                        transform: `translateY(${item.start}px)`,
                      }}
                    >
                      {c && row ? (
                        row.getVisibleCells().map((cell) => {
                          const meta = cell.column.columnDef.meta as
                            { align?: "right" } | undefined;
                          if (cell.column.id === "select") {
                            return (
                              <div
                                role="cell"
                                key={cell.id}
                                className="flex items-center justify-center"
                              >
                                <input
                                  type="checkbox"
                                  aria-label={`Select ${c.name}`}
                                  data-testid="row-select"
                                  checked={isSelected}
                                  onChange={() => undefined}
                                  onClick={(e) => toggleRow(item.index, e.shiftKey)}
                                />
                              </div>
                            );
                          }
                          return (
                            <div
                              role="cell"
                              key={cell.id}
                              className={`flex min-w-0 items-center whitespace-nowrap px-3 ${meta?.align === "right" ? "justify-end" : ""}`}
                            >
                              {flexRender(cell.column.columnDef.cell, cell.getContext())}
                            </div>
                          );
                        })
                      ) : (
                        <>
                          <div />
                          <div className="col-span-10 px-3">
                            <div className="h-3 w-2/3 animate-pulse rounded bg-slate-100" />
                          </div>
                        </>
                      )}
                    </div>
                  );
                })}
              </div>
              {loading && count === 0 ? (
                <p className="p-6 text-center text-sm text-slate-500">Loading containers…</p>
              ) : null}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm outline-none focus:ring-2 focus:ring-sky-500"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function FilterInput({
  id,
  label,
  value,
  onChange,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        className="block w-40 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm outline-none focus:ring-2 focus:ring-sky-500"
      />
    </div>
  );
}
