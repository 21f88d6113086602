"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { errorText, isAbort } from "@/components/ui/api-client";

/**
 * A long list fetched a page at a time as its rows scroll into view (virtualized). A new
 * `queryKey` starts over and drops answers to the old query; live changes refetch the pages on
 * screen (debounced) or patch loaded rows in place.
 */
export function usePagedList<Row, Page extends { total: number; items: Row[] }>({
  queryKey,
  fetchPage,
  pageSize,
  rowHeight,
  refreshDebounceMs,
}: {
  queryKey: string;
  /** Called with the query `queryKey` stood for when it became current. */
  fetchPage: (page: number, signal: AbortSignal) => Promise<Page>;
  pageSize: number;
  rowHeight: number;
  refreshDebounceMs: number;
}) {
  const [pages, setPages] = useState<Map<number, Row[]>>(() => new Map());
  /** The last page that arrived: the list's total and whatever else the server sends with it. */
  const [latest, setLatest] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  const controllers = useRef(new Set<AbortController>());

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
          wanted.map((p) => fetchPage(p, controller.signal).then((body) => [p, body] as const)),
        );
        if (gen !== generation.current) return;
        setPages((prev) => {
          const next = replaceAll ? new Map<number, Row[]>() : new Map(prev);
          for (const [p, body] of answers) next.set(p, body.items);
          return next;
        });
        const last = answers[answers.length - 1];
        if (last) setLatest(last[1]);
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
    // queryKey stands for fetchPage's query
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryKey],
  );

  // A new query starts from scratch.
  useEffect(() => {
    generation.current += 1;
    inFlight.current.clear();
    for (const c of controllers.current) c.abort();
    controllers.current.clear();
    setPages(new Map());
    setLoading(true);
    void fetchPages([0], true);
  }, [fetchPages]);

  const total = latest?.total ?? null;
  const count = total ?? 0;
  /** One slot per row of the whole list; null until its page arrives. */
  const slots = useMemo<(Row | null)[]>(() => {
    const out: (Row | null)[] = new Array(count);
    for (let i = 0; i < count; i += 1) {
      out[i] = pages.get(Math.floor(i / pageSize))?.[i % pageSize] ?? null;
    }
    return out;
  }, [pages, count, pageSize]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length > 0 ? Math.floor(items[0]!.index / pageSize) : 0;
  const lastPage = items.length > 0 ? Math.floor(items[items.length - 1]!.index / pageSize) : 0;

  // Fetch the pages the user scrolls into.
  useEffect(() => {
    if (total === null) return;
    const missing: number[] = [];
    for (let p = firstPage; p <= lastPage; p += 1) {
      if (!pages.has(p) && p * pageSize < total) missing.push(p);
    }
    if (missing.length > 0) void fetchPages(missing, false);
  }, [firstPage, lastPage, pages, total, pageSize, fetchPages]);

  const visiblePages = useRef<number[]>([0]);
  visiblePages.current = [];
  for (let p = firstPage; p <= lastPage; p += 1) visiblePages.current.push(p);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Refetches what is on screen shortly after a change. */
  const scheduleRefresh = useCallback(() => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      const onScreen = visiblePages.current.length > 0 ? visiblePages.current : [0];
      void fetchPages(onScreen, true);
    }, refreshDebounceMs);
  }, [fetchPages, refreshDebounceMs]);
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  /** Applies `patch` to every loaded row; a row it returns unchanged stays as it was. */
  const patchRows = useCallback((patch: (row: Row) => Row) => {
    setPages((prev) => {
      let touched = false;
      const next = new Map<number, Row[]>();
      for (const [p, rows] of prev) {
        next.set(
          p,
          rows.map((row) => {
            const patched = patch(row);
            if (patched !== row) touched = true;
            return patched;
          }),
        );
      }
      return touched ? next : prev;
    });
  }, []);

  return {
    slots,
    total,
    latest,
    setLatest,
    error,
    loading,
    scrollRef,
    virtualizer,
    items,
    scheduleRefresh,
    patchRows,
  };
}

export type PagedList<Row, Page extends { total: number; items: Row[] }> = ReturnType<
  typeof usePagedList<Row, Page>
>;
