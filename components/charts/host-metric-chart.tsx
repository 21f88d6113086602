"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatBytes } from "@/components/ui/format";
import {
  HOST_METRICS,
  type HistoryMetricKey,
  type HostMetricUnit,
  type MetricPoint,
} from "@/lib/protocol";
import { chartUnit, chartValue } from "./host-metric-values";

export type HostChartView = "usage" | "disk" | "network" | "load";

type Series = { key: HistoryMetricKey; stroke: string; fill: string };

/** What each view plots; its series share one unit. */
const VIEWS: Record<HostChartView, { label: string; series: Series[] }> = {
  usage: {
    label: "CPU & memory",
    series: [
      { key: "cpuPercent", stroke: "#0369a1", fill: "#0ea5e9" },
      { key: "memUsedBytes", stroke: "#7c3aed", fill: "#a78bfa" },
    ],
  },
  disk: { label: "Disk", series: [{ key: "diskUsedBytes", stroke: "#b45309", fill: "#f59e0b" }] },
  network: {
    label: "Network",
    series: [
      { key: "netRxBytesPerSec", stroke: "#047857", fill: "#10b981" },
      { key: "netTxBytesPerSec", stroke: "#be123c", fill: "#fb7185" },
    ],
  },
  load: { label: "Load", series: [{ key: "load1", stroke: "#334155", fill: "#94a3b8" }] },
};

/** How an axis of each unit reads (the values are rounded already). */
const AXES: Record<HostMetricUnit, { tick: (v: number) => string; domain?: [number, number] }> = {
  percent: { tick: (v) => `${v} %`, domain: [0, 100] },
  bytes: { tick: formatBytes },
  bytesPerSecond: { tick: (v) => `${formatBytes(v)}/s` },
  load: { tick: String },
};

export function HostViewPicker({
  view,
  onChange,
}: {
  view: HostChartView;
  onChange: (v: HostChartView) => void;
}) {
  return (
    <div className="flex flex-wrap gap-1" role="group" aria-label="Metric">
      {(Object.keys(VIEWS) as HostChartView[]).map((key) => (
        <button
          key={key}
          type="button"
          aria-pressed={key === view}
          onClick={() => onChange(key)}
          data-testid={`metric-${key}`}
          className={`rounded-md px-2.5 py-1 text-xs font-medium ${key === view ? "bg-slate-800 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
        >
          {VIEWS[key].label}
        </button>
      ))}
    </div>
  );
}

/** One host metric over time; the same chart for live samples and stored history. */
export function HostMetricChart({
  points,
  view,
  tick,
}: {
  points: MetricPoint[];
  view: HostChartView;
  tick: (at: number) => string;
}) {
  const { series } = VIEWS[view];
  const axis = AXES[chartUnit(series[0]!.key)];
  const data = points.map((p) => ({
    at: p.at,
    ...Object.fromEntries(series.map(({ key }) => [key, chartValue(p, key)])),
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis
          dataKey="at"
          type="number"
          domain={["dataMin", "dataMax"]}
          tickFormatter={(v) => tick(Number(v))}
          fontSize={11}
        />
        <YAxis
          domain={axis.domain ?? [0, "auto"]}
          tickFormatter={(v) => axis.tick(Number(v))}
          fontSize={11}
          width={64}
        />
        <Tooltip
          labelFormatter={(v) => new Date(Number(v)).toLocaleString()}
          formatter={(v, name) => [axis.tick(Number(v)), name]}
        />
        {series.map((s) => (
          <Area
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={HOST_METRICS[s.key].label}
            stroke={s.stroke}
            fill={s.fill}
            fillOpacity={0.15}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}
