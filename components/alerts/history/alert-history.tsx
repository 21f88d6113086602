"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AlertEventView, AlertRuleView } from "@/lib/protocol";
import type { AlertEventPage } from "@/lib/services/alerts/list-alert-events";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText, isAbort } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "@/components/ui/controls";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import { SEVERITY_WORDS } from "../alert-words";
import { SeverityBadge } from "../severity-badge";
import { useAlertsChanged } from "../use-alerts-changed";
import { AlertDetails } from "./alert-details";
import { apiQueryOf, filtersFromQuery, queryOf, type HistoryFilters } from "./history-query";

type HostOption = { id: string; name: string; mayManageAlerts: boolean };

function When({ at }: { at: string | null }) {
  if (!at) return <span className="text-slate-400">—</span>;
  return <time title={formatDateTime(at)}>{formatRelative(at)}</time>;
}

/** What fired, firing first then resolved (newest first), filtered through the URL query. */
export function AlertHistory({ hosts, isAdmin }: { hosts: HostOption[]; isAdmin: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const filters = useMemo(() => filtersFromQuery(new URLSearchParams(search)), [search]);
  const openEvent = search.get("event");
  const [firing, setFiring] = useState<AlertEventView[]>([]);
  const [resolved, setResolved] = useState<AlertEventView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [rules, setRules] = useState<AlertRuleView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState(filters.q);
  const abort = useRef<AbortController | null>(null);

  const load = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const get = (state: "firing" | "resolved") =>
      filters.state === "all" || filters.state === state
        ? api<AlertEventPage>(apiQueryOf(filters, state, null), { signal: controller.signal })
        : Promise.resolve({ events: [], nextCursor: null, firing: 0 });
    try {
      const [open, closed] = await Promise.all([get("firing"), get("resolved")]);
      setFiring(open.events);
      setResolved(closed.events);
      setCursor(closed.nextCursor);
      setError(null);
      setLoaded(true);
    } catch (err) {
      if (!isAbort(err)) setError(errorText(err));
    }
  }, [filters]);

  useEffect(() => {
    void load();
    return () => abort.current?.abort();
  }, [load]);
  useEffect(() => {
    api<{ rules: AlertRuleView[] }>("/api/alerts/rules").then(
      (r) => setRules(r.rules),
      () => undefined,
    );
  }, []);
  useAlertsChanged(() => void load());

  async function more() {
    if (!cursor) return;
    try {
      const page = await api<AlertEventPage>(apiQueryOf(filters, "resolved", cursor));
      setResolved((list) => [...list, ...page.events]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const go = (next: HistoryFilters, event: string | null = openEvent) =>
    router.replace(`${pathname}${queryOf(next, event)}`, { scroll: false });
  const setFilter = <K extends keyof HistoryFilters>(key: K, value: HistoryFilters[K]) =>
    go({ ...filters, [key]: value });
  const canSilence = (event: AlertEventView) =>
    isAdmin || hosts.some((h) => h.id === event.hostId && h.mayManageAlerts);
  const rows = [...firing, ...resolved];

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3 text-sm"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter("q", q.trim());
        }}
      >
        <label className="space-y-1">
          <span className="block text-slate-600">State</span>
          <select
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.state}
            onChange={(e) => setFilter("state", e.target.value as HistoryFilters["state"])}
          >
            <option value="all">Firing and resolved</option>
            <option value="firing">Firing</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-slate-600">Host</span>
          <select
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.hostId}
            onChange={(e) => setFilter("hostId", e.target.value)}
          >
            <option value="">Every host</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-slate-600">Rule</span>
          <select
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.ruleId}
            onChange={(e) => setFilter("ruleId", e.target.value)}
          >
            <option value="">Every rule</option>
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-slate-600">Severity</span>
          <select
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.severity}
            onChange={(e) => setFilter("severity", e.target.value as HistoryFilters["severity"])}
          >
            <option value="">Any</option>
            {(["critical", "warning", "info"] as const).map((s) => (
              <option key={s} value={s}>
                {SEVERITY_WORDS[s].word}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-slate-600">Text</span>
          <input
            type="search"
            className={`${INPUT_CLASS} border-slate-300`}
            placeholder="message, rule, host, container"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="alert-history">
          <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
            <tr>
              <th className="px-3 py-2">Severity</th>
              <th className="px-3 py-2">Rule</th>
              <th className="px-3 py-2">Host</th>
              <th className="px-3 py-2">Container</th>
              <th className="px-3 py-2">Message</th>
              <th className="px-3 py-2">Fired</th>
              <th className="px-3 py-2">Resolved</th>
              <th className="px-3 py-2">Silenced</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <tr
                key={event.id}
                className="cursor-pointer border-t border-slate-100 hover:bg-slate-50"
                data-testid="alert-row"
                data-state={event.resolvedAt ? "resolved" : "firing"}
                onClick={() => go(filters, event.id)}
              >
                <td className="px-3 py-2">
                  <SeverityBadge severity={event.severity} />
                </td>
                <td className="px-3 py-2">
                  <button
                    type="button"
                    className="text-left font-medium text-sky-800 hover:underline"
                    onClick={(e) => {
                      e.stopPropagation();
                      go(filters, event.id);
                    }}
                  >
                    {event.ruleName}
                  </button>
                </td>
                <td className="px-3 py-2">{event.hostName ?? "—"}</td>
                <td className="px-3 py-2">{event.containerName ?? "—"}</td>
                <td className="max-w-md truncate px-3 py-2" title={event.message}>
                  {event.message}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <When at={event.firedAt} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {event.resolvedAt ? (
                    <When at={event.resolvedAt} />
                  ) : (
                    <span className="font-medium text-red-700">firing</span>
                  )}
                </td>
                <td className="px-3 py-2 text-xs">
                  {event.silencedUntil ? (
                    <>
                      until{" "}
                      <time title={formatDateTime(event.silencedUntil)}>
                        {formatDateTime(event.silencedUntil)}
                      </time>
                      {event.silencedBy ? ` by ${event.silencedBy}` : ""}
                    </>
                  ) : event.silenced ? (
                    "fired while silenced"
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
            {loaded && rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                  No alerts{filters.state === "firing" ? " firing" : ""}.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {cursor ? (
        <Button variant="secondary" onClick={() => void more()}>
          Show older alerts
        </Button>
      ) : null}
      {openEvent ? (
        <AlertDetails
          eventId={openEvent}
          canSilence={canSilence}
          onClose={() => go(filters, null)}
          onChanged={() => void load()}
        />
      ) : null}
    </div>
  );
}
