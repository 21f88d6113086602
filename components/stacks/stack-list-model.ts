import type { StackRow, StackState } from "@/lib/services/stacks/stack-row";
import type { SortDir } from "@/components/ui/use-fleet-list";

export type StackSort = "name" | "host" | "state" | "services" | "containers" | "deployed";

export type StackFilters = {
  host: string;
  q: string;
  /** "" for every state. */
  state: "" | StackState;
  sort: StackSort;
  dir: SortDir;
};

export const STACK_STATES: readonly StackState[] = [
  "running",
  "partial",
  "stopped",
  "not deployed",
  "unknown",
];

/** Where a row's page is: adopted and saved stacks have one, discovered projects not yet. */
export function stackHref(row: Pick<StackRow, "id">): string | null {
  return row.id ? `/stacks/${encodeURIComponent(row.id)}` : null;
}

/** A row's key: saved stacks by id, discovered projects by host and name. */
export function rowKey(row: StackRow): string {
  return row.id ?? `${row.hostId}/${row.name}`;
}

const COMPARE: Record<StackSort, (a: StackRow, b: StackRow) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  host: (a, b) => a.hostName.localeCompare(b.hostName),
  state: (a, b) => STACK_STATES.indexOf(a.state) - STACK_STATES.indexOf(b.state),
  services: (a, b) => a.services - b.services,
  containers: (a, b) =>
    a.containers.running - b.containers.running || a.containers.total - b.containers.total,
  deployed: (a, b) => (a.lastDeploy?.at ?? "").localeCompare(b.lastDeploy?.at ?? ""),
};

/** The rows the filters let through, sorted (ties by name, then host, in ascending order). */
export function filterStacks(rows: readonly StackRow[], filters: StackFilters): StackRow[] {
  const q = filters.q.trim().toLowerCase();
  const sign = filters.dir === "asc" ? 1 : -1;
  return rows
    .filter((r) => !filters.host || r.hostId === filters.host)
    .filter((r) => !filters.state || r.state === filters.state)
    .filter((r) => !q || r.name.toLowerCase().includes(q) || r.hostName.toLowerCase().includes(q))
    .sort(
      (a, b) =>
        sign * COMPARE[filters.sort](a, b) ||
        a.name.localeCompare(b.name) ||
        a.hostName.localeCompare(b.hostName),
    );
}
