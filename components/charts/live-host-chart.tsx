"use client";

import { Stat } from "@/components/ui/stat";
import { useState } from "react";
import { useHostSamples } from "@/components/hosts/use-host-samples";
import { useUiSocket } from "@/components/ui/use-ui-socket";
import type { HostMetricKey } from "@/lib/protocol";
import { HostMetricChart, HostViewPicker, type HostChartView } from "./host-metric-chart";
import { formatHostMetrics } from "./host-metric-values";
import { LinkLostNotice } from "@/components/ui/alert";

/** The current figures above the chart. */
const FIGURES: Array<{ label: string; keys: HostMetricKey[]; separator: string }> = [
  { label: "CPU", keys: ["cpuPercent"], separator: "" },
  { label: "Memory", keys: ["memUsedBytes", "memTotalBytes"], separator: " / " },
  { label: "Disk", keys: ["diskUsedBytes", "diskTotalBytes"], separator: " / " },
  { label: "Network rx / tx", keys: ["netRxBytesPerSec", "netTxBytesPerSec"], separator: " / " },
  { label: "Load", keys: ["load1", "load5", "load15"], separator: " " },
];

function timeLabel(at: number): string {
  return new Date(at).toLocaleTimeString([], {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** One host's CPU, memory, disk, network and load, live from the agent (a sample a second). */
export function LiveHostChart({ hostId }: { hostId: string }) {
  const { link } = useUiSocket();
  const { samples, error } = useHostSamples(hostId);
  const [view, setView] = useState<HostChartView>("usage");

  const latest = samples.at(-1);

  return (
    <div className="space-y-3">
      {link === "lost" ? <LinkLostNotice /> : null}
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="live-values">
        {FIGURES.map(({ label, keys, separator }) => (
          <Stat
            key={label}
            label={label}
            value={latest ? formatHostMetrics(latest, keys, separator) : "—"}
          />
        ))}
      </dl>
      <HostViewPicker view={view} onChange={setView} />
      <div className="h-64" data-testid="live-chart">
        {samples.length === 0 ? (
          <p className="flex h-full items-center justify-center text-sm text-slate-400">
            Waiting for the first samples…
          </p>
        ) : (
          <HostMetricChart points={samples} view={view} tick={timeLabel} />
        )}
      </div>
    </div>
  );
}
