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

export type HostChartView = "usage" | "disk" | "network" | "load";

export type HostPoint = {
  at: number;
  cpuPercent: number;
  memUsedBytes: number;
  memTotalBytes: number;
  diskUsedBytes: number;
  diskTotalBytes: number;
  netRxBytesPerSec: number;
  netTxBytesPerSec: number;
  load1: number;
};

const VIEWS: Array<[HostChartView, string]> = [
  ["usage", "CPU & memory"],
  ["disk", "Disk"],
  ["network", "Network"],
  ["load", "Load"],
];

type Series = { key: string; name: string; stroke: string; fill: string };

const percent = (part: number, whole: number) =>
  whole > 0 ? Number(((part / whole) * 100).toFixed(1)) : 0;

/** What each view plots, and how its values read. */
const SHAPES: Record<
  HostChartView,
  {
    series: Series[];
    row: (p: HostPoint) => Record<string, number>;
    unit: (v: number) => string;
    domain?: [number, number];
  }
> = {
  usage: {
    series: [
      { key: "cpu", name: "CPU", stroke: "#0369a1", fill: "#0ea5e9" },
      { key: "mem", name: "Memory", stroke: "#7c3aed", fill: "#a78bfa" },
    ],
    row: (p) => ({
      cpu: Number(p.cpuPercent.toFixed(1)),
      mem: percent(p.memUsedBytes, p.memTotalBytes),
    }),
    unit: (v) => `${v} %`,
    domain: [0, 100],
  },
  disk: {
    series: [{ key: "disk", name: "Disk used", stroke: "#b45309", fill: "#f59e0b" }],
    row: (p) => ({ disk: percent(p.diskUsedBytes, p.diskTotalBytes) }),
    unit: (v) => `${v} %`,
    domain: [0, 100],
  },
  network: {
    series: [
      { key: "rx", name: "Received", stroke: "#047857", fill: "#10b981" },
      { key: "tx", name: "Sent", stroke: "#be123c", fill: "#fb7185" },
    ],
    row: (p) => ({ rx: p.netRxBytesPerSec, tx: p.netTxBytesPerSec }),
    unit: (v) => `${formatBytes(v)}/s`,
  },
  load: {
    series: [{ key: "load", name: "Load (1 min)", stroke: "#334155", fill: "#94a3b8" }],
    row: (p) => ({ load: Number(p.load1.toFixed(2)) }),
    unit: (v) => String(v),
  },
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
      {VIEWS.map(([key, label]) => (
        <button
          key={key}
          type="button"
          aria-pressed={key === view}
          onClick={() => onChange(key)}
          data-testid={`metric-${key}`}
          className={`rounded-md px-2.5 py-1 text-xs font-medium ${key === view ? "bg-slate-800 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
        >
          {label}
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
  points: HostPoint[];
  view: HostChartView;
  tick: (at: number) => string;
}) {
  const shape = SHAPES[view];
  const data = points.map((p) => ({ at: p.at, ...shape.row(p) }));
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
          domain={shape.domain ?? [0, "auto"]}
          tickFormatter={(v) => shape.unit(Number(v))}
          fontSize={11}
          width={64}
        />
        <Tooltip
          labelFormatter={(v) => new Date(Number(v)).toLocaleString()}
          formatter={(v, name) => [shape.unit(Number(v)), name]}
        />
        {shape.series.map((s) => (
          <Area
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
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
