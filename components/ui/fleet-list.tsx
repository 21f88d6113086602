import type { FleetHostState } from "@/lib/services/hosts/list-across-hosts";
import { INPUT_CLASS } from "@/components/ui/controls";
import type { FleetSorting } from "@/components/ui/use-fleet-list";

/** The host select above a fleet list: one host, or all of them. */
export function HostFilter({
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
export function SearchFilter({
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

/** One line per host that is offline or failed, whose `things` the list therefore leaves out. */
export function HostProblems({
  hosts,
  things,
}: {
  hosts: readonly FleetHostState[] | undefined;
  things: string;
}) {
  return hosts
    ?.filter((h) => !h.online || h.error)
    .map((h) => (
      <p key={h.id} className="text-sm text-amber-700">
        {h.name}: {h.online ? h.error : `offline, its ${things} are not listed`}
      </p>
    ));
}
