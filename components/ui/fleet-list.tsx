import type { FleetHostState } from "@/lib/services/hosts/list-across-hosts";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { INPUT_CLASS } from "@/components/ui/controls";
import type { FleetSorting } from "@/components/ui/use-fleet-list";

/** The host select above a fleet list: one host, or all of them. */
function HostFilter({
  hosts,
  value,
  onChange,
}: {
  hosts: ReadonlyArray<{ id: string; name: string }>;
  value: string;
  onChange: (hostId: string) => void;
}) {
  return (
    <div className="w-48">
      <select
        aria-label="Host"
        className={`${INPUT_CLASS} border-slate-300`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">All hosts</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The search box above a fleet list. */
function SearchFilter({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (q: string) => void;
}) {
  return (
    <div className="w-64">
      <input
        aria-label={label}
        placeholder={placeholder}
        className={`${INPUT_CLASS} border-slate-300`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** A column header that sorts the list by its column; again turns the direction around. */
export function SortHeader<Sort extends string>({
  list,
  sort,
  label,
  className = "",
}: {
  list: FleetSorting<Sort>;
  sort: Sort;
  label: string;
  className?: string;
}) {
  const { filters, sortBy } = list;
  const sorted = filters.sort === sort;
  return (
    <th
      className={`px-3 py-2 ${className}`.trim()}
      aria-sort={sorted ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <button className="uppercase" onClick={() => sortBy(sort)}>
        {label}
        {sorted ? (filters.dir === "asc" ? " ▲" : " ▼") : ""}
      </button>
    </th>
  );
}

/**
 * A fleet list's filters: the host select and the search box, then the list's own (`children`).
 */
export function FleetFilterBar({
  list,
  hosts,
  searchLabel,
  searchPlaceholder,
  children,
}: {
  list: {
    filters: { host: string; q: string };
    setFilter: (key: "host" | "q", value: string) => void;
  };
  hosts: ReadonlyArray<{ id: string; name: string }>;
  searchLabel: string;
  searchPlaceholder: string;
  children: React.ReactNode;
}) {
  const { filters, setFilter } = list;
  return (
    <div className="flex flex-wrap gap-2">
      <HostFilter hosts={hosts} value={filters.host} onChange={(v) => setFilter("host", v)} />
      <SearchFilter
        label={searchLabel}
        placeholder={searchPlaceholder}
        value={filters.q}
        onChange={(v) => setFilter("q", v)}
      />
      {children}
    </div>
  );
}

/**
 * What a fleet list has to say above its table: the last action's outcome, the last error, and
 * one line per host that is offline or failed, whose `things` the list therefore leaves out.
 */
export function FleetNotices({
  list,
  things,
}: {
  list: {
    notice: string | null;
    error: string | null;
    data: { hosts: readonly FleetHostState[] } | null;
  };
  things: string;
}) {
  const { notice, error, data } = list;
  return (
    <>
      {notice ? <SuccessMessage testId="notice">{notice}</SuccessMessage> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {data?.hosts
        .filter((h) => !h.online || h.error)
        .map((h) => (
          <p key={h.id} className="text-sm text-amber-700">
            {h.name}: {h.online ? h.error : `offline, its ${things} are not listed`}
          </p>
        ))}
    </>
  );
}

/** One of a list's own filters, as a select beside the host filter and search. */
export function FilterSelect({
  label,
  value,
  onChange,
  width = "w-48",
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  width?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={width}>
      <select
        aria-label={label}
        className={`${INPUT_CLASS} border-slate-300`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
    </div>
  );
}

/**
 * A fleet list's table: `header` cells, then `children` rows, or one row saying `empty` when the
 * list came back without any.
 */
export function FleetTable({
  testId,
  header,
  columns,
  empty,
  children,
}: {
  testId: string;
  header: React.ReactNode;
  columns: number;
  empty: string | null;
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
          <tr>{header}</tr>
        </thead>
        <tbody>
          {empty ? (
            <tr>
              <td colSpan={columns} className="px-3 py-6 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          ) : null}
          {children}
        </tbody>
      </table>
    </div>
  );
}
