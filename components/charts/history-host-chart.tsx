"use client";

import { useEffect, useState } from "react";
import { HostMetricChart, HostViewPicker, type HostChartView } from "./host-metric-chart";
import {
  MetricPointSchema,
  MetricsRangeSchema,
  type MetricPoint,
  type MetricsRange,
} from "@/lib/protocol";
import { z } from "zod";

const ResponseSchema = z.object({ range: MetricsRangeSchema, points: z.array(MetricPointSchema) });
const RANGES: MetricsRange[] = ["1h", "24h", "7d", "30d"];

/** Tick labels as fine as the data shown: seconds for a few minutes, dates for days. */
function labeller(spanMs: number): (at: number) => string {
  if (spanMs < 10 * 60_000) {
    return (at) =>
      new Date(at).toLocaleTimeString([], {
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
  }
  if (spanMs < 2 * 86400_000) {
    return (at) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }
  return (at) =>
    new Date(at).toLocaleDateString([], { month: "short", day: "numeric", hour: "2-digit" });
}

/** A host's history from the stored rollups: CPU and memory, disk, network or load. */
export function HistoryHostChart({ hostId }: { hostId: string }) {
  const [range, setRange] = useState<MetricsRange>("1h");
  const [points, setPoints] = useState<MetricPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<HostChartView>("usage");

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const res = await fetch(`/api/hosts/${encodeURIComponent(hostId)}/metrics?range=${range}`);
        const body: unknown = await res.json();
        if (!res.ok) {
          const message = (body as { error?: { message?: string } }).error?.message;
          throw new Error(message ?? `The server answered ${res.status}.`);
        }
        if (!cancelled) {
          setPoints(ResponseSchema.parse(body).points);
          setError(null);
        }
      } catch (err) {
        if (!cancelled) setError(err instanceof Error ? err.message : "Could not load history.");
      }
    };
    void load();
    // The finest range gains a point every 10 s; the others change slowly.
    const timer = setInterval(() => void load(), range === "1h" ? 10_000 : 60_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [hostId, range]);

  const data = points ?? [];
  const label = labeller(data.length > 1 ? (data.at(-1)?.at ?? 0) - (data[0]?.at ?? 0) : 0);

  return (
    <div className="space-y-3">
      <div className="flex gap-1" role="group" aria-label="Time range">
        {RANGES.map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={r === range}
            onClick={() => setRange(r)}
            className={`rounded-md px-2.5 py-1 text-xs font-medium ${r === range ? "bg-sky-700 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {r}
          </button>
        ))}
      </div>
      <HostViewPicker view={view} onChange={setView} />
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      <div className="h-64" data-testid="history-chart">
        {points === null ? (
          <p className="flex h-full items-center justify-center text-sm text-slate-400">Loading…</p>
        ) : data.length === 0 ? (
          <p className="flex h-full items-center justify-center text-sm text-slate-400">
            No stored samples in this range yet. Samples are stored every 10 seconds and rolled up
            every minute.
          </p>
        ) : (
          <HostMetricChart points={data} view={view} tick={label} />
        )}
      </div>
    </div>
  );
}
