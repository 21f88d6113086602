"use client";

import Link from "next/link";
import { Area, AreaChart, ResponsiveContainer, YAxis } from "recharts";
import { useHostSamples } from "@/components/hosts/use-host-samples";
import { chartValue, formatHostMetrics } from "@/components/charts/host-metric-values";
import { formatAgo } from "@/components/ui/format";
import { HOST_METRICS, type HostMetricKey } from "@/lib/protocol";

const WINDOW_MS = 5 * 60 * 1000;

/** What a card shows of each metric: now in words and as a bar, the last minutes as a sparkline. */
const FIGURES: Array<{
  key: HostMetricKey;
  figure: HostMetricKey[];
  stroke: string;
  fill: string;
  fillOpacity: number;
}> = [
  {
    key: "cpuPercent",
    figure: ["cpuPercent"],
    stroke: "#0284c7",
    fill: "#0ea5e9",
    fillOpacity: 0.15,
  },
  {
    key: "memUsedBytes",
    figure: ["memUsedBytes", "memTotalBytes"],
    stroke: "#7c3aed",
    fill: "#a78bfa",
    fillOpacity: 0.1,
  },
];

export type OverviewHost = { id: string; name: string; online: boolean; lastSeenAt: number | null };

function Bar({ percent, color }: { percent: number; color: string }) {
  return (
    <div className="h-1.5 w-full overflow-hidden rounded-full bg-slate-100">
      <div
        className="h-full rounded-full"
        style={{ width: `${Math.min(100, Math.max(0, percent))}%`, backgroundColor: color }}
      />
    </div>
  );
}

/** One host at a glance: online state, CPU and memory now, and the last minutes as a sparkline. */
export function HostCard({ host }: { host: OverviewHost }) {
  const { samples } = useHostSamples(host.id, WINDOW_MS);

  const latest = samples.at(-1);
  const data = samples.map((s) => ({
    at: s.at,
    ...Object.fromEntries(FIGURES.map(({ key }) => [key, chartValue(s, key)])),
  }));

  return (
    <div
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="overview-host"
      data-host-id={host.id}
    >
      <div className="flex items-center gap-2">
        <span
          className={`inline-block h-2.5 w-2.5 rounded-full ${host.online ? "bg-emerald-500" : "bg-slate-300"}`}
          aria-hidden
        />
        <Link
          href={`/hosts/${encodeURIComponent(host.id)}`}
          className="truncate font-medium text-slate-900 hover:underline"
        >
          {host.name}
        </Link>
        <span
          className={`ml-auto text-xs ${host.online ? "text-emerald-700" : "text-slate-500"}`}
          data-testid="overview-host-state"
        >
          {host.online ? "online" : `offline · seen ${formatAgo(host.lastSeenAt)}`}
        </span>
      </div>
      <div className="grid grid-cols-2 gap-3 text-xs">
        {FIGURES.map(({ key, figure, stroke }) => (
          <div key={key} className="space-y-1">
            <div className="flex justify-between text-slate-500">
              <span>{HOST_METRICS[key].label}</span>
              <span className="font-medium tabular-nums text-slate-800">
                {latest ? formatHostMetrics(latest, figure, " / ") : "—"}
              </span>
            </div>
            <Bar percent={latest ? chartValue(latest, key) : 0} color={stroke} />
          </div>
        ))}
      </div>
      <div className="h-14" aria-label="CPU and memory, last minutes">
        {data.length > 1 ? (
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={data} margin={{ top: 2, right: 0, bottom: 0, left: 0 }}>
              <YAxis hide domain={[0, 100]} />
              {FIGURES.map(({ key, stroke, fill, fillOpacity }) => (
                <Area
                  key={key}
                  type="monotone"
                  dataKey={key}
                  stroke={stroke}
                  fill={fill}
                  fillOpacity={fillOpacity}
                  isAnimationActive={false}
                  dot={false}
                />
              ))}
            </AreaChart>
          </ResponsiveContainer>
        ) : (
          <p className="flex h-full items-center justify-center text-xs text-slate-400">
            {host.online ? "Waiting for samples…" : "No live data while offline."}
          </p>
        )}
      </div>
    </div>
  );
}
