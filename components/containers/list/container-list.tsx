"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import type { ContainerPage } from "@/lib/services/containers/list-containers";
import { ErrorMessage } from "@/components/ui/alert";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { useImageUpdates } from "@/components/image-updates/use-image-updates";
import { useContainerFeed } from "../live";
import { BulkBar, type Selected } from "./bulk-bar";
import { ContainerTable, keyOf, ROW_HEIGHT } from "./container-table";
import { FilterBar } from "./filter-bar";
import { filtersToParams, hasFilters, type ListFilters, type SortKey } from "./list-filters";
import { useDebounced } from "./use-debounced";
import { usePagedList } from "./use-paged-list";
import { useSelection } from "./use-selection";

const PAGE_SIZE = 200;
const REFRESH_DEBOUNCE_MS = 150;
const TEXT_DEBOUNCE_MS = 300;

export type HostOption = { id: string; name: string; role: HostRoleName };

function listUrl(filters: ListFilters, page: number): string {
  const params = filtersToParams(filters);
  params.set("sort", filters.sort);
  params.set("dir", filters.dir);
  params.set("offset", String(page * PAGE_SIZE));
  params.set("limit", String(PAGE_SIZE));
  return `/api/containers?${params.toString()}`;
}

function selectedOf(row: ContainerRow): Selected {
  return { hostId: row.hostId, id: row.id, name: row.name, role: row.role };
}

/** Every container the user may see, on all hosts: filtered, sorted, live, selectable. */
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
  const [reloadTick, setReloadTick] = useState(0);
  const queryKey = `${JSON.stringify(filters)}#${reloadTick}`;
  const [bulkNote, setBulkNote] = useState<string | null>(null);

  // Keep the URL in step with the view (without a server round trip).
  useEffect(() => {
    const query = filtersToParams(filters).toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) {
      window.history.replaceState(window.history.state, "", url);
    }
  }, [filters]);

  const imageUpdates = useImageUpdates();
  const list = usePagedList<ContainerRow, ContainerPage>({
    queryKey,
    fetchPage: (page, signal) => api<ContainerPage>(listUrl(filters, page), { signal }),
    pageSize: PAGE_SIZE,
    rowHeight: ROW_HEIGHT,
    refreshDebounceMs: REFRESH_DEBOUNCE_MS,
  });
  const { total, error, loading, scheduleRefresh, patchRows, setLatest } = list;
  const selection = useSelection({
    slots: list.slots,
    keyOf,
    itemOf: selectedOf,
    restartKey: queryKey,
  });

  // Live: refetch what is on screen shortly after a change; patch stats in place.
  useContainerFeed({
    onChange: (hostId, change) => {
      if (change?.kind === "upsert") {
        const key = `${hostId}/${change.container.id}`;
        patchRows((row) =>
          keyOf(row) !== key
            ? row
            : {
                ...row,
                ...change.container,
                cpuPercent: change.container.cpuPercent ?? row.cpuPercent,
                memoryBytes: change.container.memoryBytes ?? row.memoryBytes,
              },
        );
      }
      scheduleRefresh();
    },
    onStats: (hostId, statItems) => {
      const byId = new Map(statItems.map((s) => [s.id, s]));
      patchRows((row) => {
        if (row.hostId !== hostId) return row;
        const stat = byId.get(row.id);
        if (!stat) return row;
        return { ...row, cpuPercent: stat.cpuPercent, memoryBytes: stat.memoryBytes };
      });
    },
    onHostStatus: (status) => {
      setLatest(
        (prev) =>
          prev && {
            ...prev,
            hosts: prev.hosts.map((h) =>
              h.id === status.hostId ? { ...h, online: status.online } : h,
            ),
          },
      );
      scheduleRefresh();
    },
    onReconnect: scheduleRefresh,
  });

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
  const toggleRow = (index: number, shift: boolean) => {
    setBulkNote(null);
    selection.toggleRow(index, shift);
  };

  const apiHosts = list.latest?.hosts ?? null;
  const hostOptions = useMemo(() => {
    if (apiHosts) return apiHosts.map((h) => ({ id: h.id, name: h.name, online: h.online }));
    return initialHosts.map((h) => ({ id: h.id, name: h.name, online: true }));
  }, [apiHosts, initialHosts]);
  const canDeploy = initialHosts.some((h) => roleAllows(h.role, "container.create"));
  const runHref = form.host
    ? `/containers/new?host=${encodeURIComponent(form.host)}`
    : "/containers/new";
  const filtered = hasFilters(filters);
  const selectedCount = selection.selected.size;

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

      <FilterBar form={form} setForm={setForm} hostOptions={hostOptions} />

      {selectedCount === 0 && bulkNote ? (
        <p className="text-sm text-emerald-800" data-testid="bulk-note" role="status">
          {bulkNote}
        </p>
      ) : null}
      {selectedCount > 0 ? (
        <BulkBar
          selected={[...selection.selected.values()]}
          onClear={selection.clear}
          onDone={(succeeded, note) => {
            setBulkNote(note);
            selection.unselect(succeeded);
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
        <ContainerTable
          updates={imageUpdates.containers}
          list={list}
          selection={selection}
          filters={filters}
          onSort={setSort}
          onToggleRow={toggleRow}
          onToggleAll={() => {
            setBulkNote(null);
            selection.toggleAllLoaded();
          }}
        />
      )}
    </div>
  );
}
