"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";

/**
 * Rows picked by checkbox, named by key so the selection survives paging and refetches.
 * Shift-click selects or clears the range from the last clicked row; a new `restartKey` (a new
 * query) forgets that anchor, since row positions changed.
 */
export function useSelection<Row, Item>({
  slots,
  keyOf,
  itemOf,
  restartKey,
}: {
  slots: (Row | null)[];
  keyOf: (row: Row) => string;
  itemOf: (row: Row) => Item;
  restartKey: string;
}) {
  const [selected, setSelected] = useState<Map<string, Item>>(() => new Map());
  const lastClicked = useRef<number | null>(null);
  useEffect(() => {
    lastClicked.current = null;
  }, [restartKey]);

  const loadedRows = useMemo(() => slots.filter((r): r is Row => r !== null), [slots]);
  const toggleRow = useCallback(
    (index: number, shift: boolean) => {
      const row = slots[index];
      if (!row) return;
      // Shift-click extends from the last clicked row (read now: the updater runs later).
      const anchor = shift ? lastClicked.current : null;
      const from = anchor !== null ? Math.min(anchor, index) : index;
      const to = anchor !== null ? Math.max(anchor, index) : index;
      lastClicked.current = index;
      setSelected((prev) => {
        const next = new Map(prev);
        const select = !prev.has(keyOf(row));
        for (let i = from; i <= to; i += 1) {
          const r = slots[i];
          if (!r) continue;
          if (select) next.set(keyOf(r), itemOf(r));
          else next.delete(keyOf(r));
        }
        return next;
      });
    },
    [slots, keyOf, itemOf],
  );
  const allLoadedSelected =
    loadedRows.length > 0 && loadedRows.every((r) => selected.has(keyOf(r)));
  const someLoadedSelected = loadedRows.some((r) => selected.has(keyOf(r)));
  const toggleAllLoaded = () => {
    setSelected((prev) => {
      const next = new Map(prev);
      for (const r of loadedRows) {
        if (allLoadedSelected) next.delete(keyOf(r));
        else next.set(keyOf(r), itemOf(r));
      }
      return next;
    });
  };
  const clear = () => setSelected(new Map());
  const unselect = (keys: string[]) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const key of keys) next.delete(key);
      return next;
    });

  return {
    selected,
    isSelected: (row: Row) => selected.has(keyOf(row)),
    loadedCount: loadedRows.length,
    allLoadedSelected,
    someLoadedSelected,
    toggleRow,
    toggleAllLoaded,
    clear,
    unselect,
  };
}

export type Selection<Row, Item> = ReturnType<typeof useSelection<Row, Item>>;
