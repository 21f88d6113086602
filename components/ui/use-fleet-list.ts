"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FleetPage } from "@/lib/services/hosts/list-across-hosts";
import { api, errorText, isAbort } from "@/components/ui/api-client";
import { useHostChangeFeed, type HostChangePush } from "@/components/ui/use-host-change-feed";

export type SortDir = "asc" | "desc";

/** The filters every fleet list has: one host or all, a search, and the sort. */
export type FleetFilters<Sort extends string> = {
  host: string;
  q: string;
  sort: Sort;
  dir: SortDir;
};

/** A list's sort and how to change it, for its SortHeader cells. */
export type FleetSorting<Sort extends string> = {
  filters: { sort: Sort; dir: SortDir };
  sortBy: (sort: Sort) => void;
};

/**
 * The state of a list gathered from every host (images, networks, volumes): filters, the page
 * fetched from `path` 200 ms after they last changed (a newer fetch aborts the older), the last
 * error and notice, the row an action runs on, and refreshes when `push` says a host's list changed. `params` adds the list's own filters to
 * the query (empty or false ones are left out); a column sorts descending first when it is in
 * `descendingFirst`.
 */
export function useFleetList<Row, Sort extends string, Filters extends FleetFilters<Sort>>({
  path,
  push,
  initial,
  params = () => ({}),
  descendingFirst = [],
}: {
  path: string;
  push: HostChangePush;
  initial: Filters;
  params?: (filters: Filters) => Record<string, string | false>;
  descendingFirst?: readonly Sort[];
}) {
  const [filters, setFilters] = useState<Filters>(initial);
  const [data, setData] = useState<FleetPage<Row> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyRow, setBusyRow] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const query = new URLSearchParams({ sort: filters.sort, dir: filters.dir });
  if (filters.host) query.set("host", filters.host);
  if (filters.q.trim()) query.set("q", filters.q.trim());
  for (const [key, value] of Object.entries(params(filters))) if (value) query.set(key, value);
  const url = `${path}?${query.toString()}`;

  const refresh = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    try {
      setData(await api<FleetPage<Row>>(url, { signal: controller.signal }));
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(errorText(err));
    }
  }, [url]);

  useEffect(() => {
    const timer = setTimeout(() => void refresh(), 200);
    return () => clearTimeout(timer);
  }, [refresh]);

  useHostChangeFeed(push, (hostId) => {
    if (hostId === null || !filters.host || hostId === filters.host) void refresh();
  });

  /** Sorts by `sort`; sorting by the same column again turns the direction around. */
  const sortBy = (sort: Sort) =>
    setFilters((f) => ({
      ...f,
      sort,
      dir:
        f.sort === sort
          ? f.dir === "asc"
            ? "desc"
            : "asc"
          : descendingFirst.includes(sort)
            ? "desc"
            : "asc",
    }));

  /**
   * Runs an action on the row `rowKey` (its buttons wait meanwhile): what `run` answers shows above
   * the list, which then reloads; a refusal shows as the error.
   */
  async function actOnRow(rowKey: string, run: () => Promise<string>) {
    setBusyRow(rowKey);
    setNotice(null);
    setError(null);
    try {
      setNotice(await run());
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusyRow(null);
    }
  }

  /** Sets one filter, keeping the others. */
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  return {
    filters,
    setFilter,
    data,
    error,
    setError,
    notice,
    setNotice,
    busyRow,
    actOnRow,
    refresh,
    sortBy,
  };
}
