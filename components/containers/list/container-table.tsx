"use client";

import { flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import type { ContainerPage } from "@/lib/services/containers/list-containers";
import { COLUMNS, type ContainerTableMeta } from "./columns";
import type { Selected } from "./bulk-bar";
import type { ListFilters, SortKey } from "./list-filters";
import type { PagedList } from "./use-paged-list";
import type { Selection } from "./use-selection";

export const ROW_HEIGHT = 40;

const GRID =
  "36px minmax(160px,2fr) minmax(100px,1fr) minmax(140px,2fr) 104px 76px minmax(150px,2fr) 96px minmax(120px,1.5fr) 64px 84px";

export function keyOf(row: { hostId: string; id: string }): string {
  return `${row.hostId}/${row.id}`;
}

/** The virtualized table: sortable headers, a checkbox per row, placeholders for rows on the way. */
export function ContainerTable({
  list,
  selection,
  filters,
  onSort,
  onToggleRow,
  onToggleAll,
  updates,
}: {
  list: PagedList<ContainerRow, ContainerPage>;
  selection: Selection<ContainerRow, Selected>;
  filters: ListFilters;
  onSort: (key: SortKey) => void;
  onToggleRow: (index: number, shift: boolean) => void;
  onToggleAll: () => void;
  updates: Set<string>;
}) {
  const { scrollRef, virtualizer, items, loading } = list;
  const count = list.total ?? 0;
  const table = useReactTable({
    data: list.slots,
    columns: COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    getRowId: (row, index) => (row ? keyOf(row) : `loading-${index}`),
    meta: { updates } satisfies ContainerTableMeta,
  });
  const rows = table.getRowModel().rows;
  return (
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
                        checked={selection.allLoadedSelected}
                        ref={(el) => {
                          if (el)
                            el.indeterminate =
                              !selection.allLoadedSelected && selection.someLoadedSelected;
                        }}
                        onChange={onToggleAll}
                        disabled={selection.loadedCount === 0}
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
                        onClick={() => onSort(sortKey)}
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
              const isSelected = c ? selection.isSelected(c) : false;
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
                      const meta = cell.column.columnDef.meta as { align?: "right" } | undefined;
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
                              onClick={(e) => onToggleRow(item.index, e.shiftKey)}
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
  );
}
