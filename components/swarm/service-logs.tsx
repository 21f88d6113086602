"use client";

import { useCallback, useEffect, useState } from "react";
import type { ServiceLogLine } from "@/lib/protocol";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";

type Line = ServiceLogLine & { hostName: string | null };

const TAILS = [100, 200, 1000, 5000];

/**
 * The last lines of every task of a service merged in time order, each with its host and task;
 * how many per task is chosen here, and Refresh reads them again.
 */
export function ServiceLogs({ hostId, service }: { hostId: string; service: string }) {
  const [tail, setTail] = useState(200);
  const [lines, setLines] = useState<Line[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const q = new URLSearchParams({ hostId, service, tail: String(tail) });
      setLines((await api<{ lines: Line[] }>(`/api/swarm/service-logs?${q}`)).lines);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }, [hostId, service, tail]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="w-0 min-w-full space-y-1 p-2" style={{ gridColumn: "1 / -1" }}>
      <div className="flex items-center gap-2 text-xs text-slate-600">
        <label htmlFor={`logs-tail-${service}`}>Last lines of each task</label>
        <select
          id={`logs-tail-${service}`}
          className="rounded-md border border-slate-300 px-1 py-0.5"
          value={tail}
          onChange={(e) => setTail(Number(e.target.value))}
        >
          {TAILS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <Button variant="secondary" className="px-2 py-1 text-xs" disabled={busy} onClick={load}>
          {busy ? "Reading…" : "Refresh"}
        </Button>
        {lines ? <span>{lines.length} lines</span> : null}
      </div>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      <pre
        className="max-h-64 overflow-auto bg-slate-900 p-2 text-xs text-slate-100"
        data-testid={`logs-${service}`}
      >
        {lines === null
          ? "Reading…"
          : lines
              .map(
                (l) =>
                  `${l.time.slice(11, 23)} ${l.hostName ?? l.nodeId.slice(0, 8)} ${l.taskId.slice(0, 8)} ${l.text}`,
              )
              .join("\n") || "No log lines."}
      </pre>
    </div>
  );
}
