import type { AlertSeverity } from "@/lib/protocol";

/** The history's filters, as the URL query holds them. */
export type HistoryFilters = {
  state: "all" | "firing" | "resolved";
  hostId: string;
  ruleId: string;
  severity: AlertSeverity | "";
  q: string;
};

const STATES = ["all", "firing", "resolved"] as const;
const SEVERITIES = ["info", "warning", "critical"] as const;

export function filtersFromQuery(query: URLSearchParams): HistoryFilters {
  const state = query.get("state");
  const severity = query.get("severity");
  return {
    state: STATES.find((s) => s === state) ?? "all",
    hostId: query.get("hostId") ?? "",
    ruleId: query.get("ruleId") ?? "",
    severity: SEVERITIES.find((s) => s === severity) ?? "",
    q: query.get("q") ?? "",
  };
}

/** The URL query for filters (defaults left out), keeping an open alert. */
export function queryOf(filters: HistoryFilters, event: string | null): string {
  const params = new URLSearchParams();
  if (filters.state !== "all") params.set("state", filters.state);
  for (const key of ["hostId", "ruleId", "severity", "q"] as const) {
    if (filters[key]) params.set(key, filters[key]);
  }
  if (event) params.set("event", event);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API query for one state of the filters. */
export function apiQueryOf(
  filters: HistoryFilters,
  state: "firing" | "resolved",
  cursor: string | null,
): string {
  const params = new URLSearchParams({ state, limit: state === "firing" ? "200" : "50" });
  for (const key of ["hostId", "ruleId", "severity", "q"] as const) {
    if (filters[key]) params.set(key, filters[key]);
  }
  if (cursor) params.set("cursor", cursor);
  return `/api/alerts/events?${params}`;
}
