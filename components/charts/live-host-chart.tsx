"use client";

import { Stat } from "@/components/ui/stat";
import { useState } from "react";
import { useHostSamples } from "@/components/hosts/use-host-samples";
import { formatBytes } from "@/components/ui/format";
import { useUiSocket } from "@/components/ui/use-ui-socket";
import { HostMetricChart, HostViewPicker, type HostChartView } from "./host-metric-chart";

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
      {link === "lost" ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Live link to the server lost; reconnecting…
        </p>
      ) : null}
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="live-values">
        <Stat label="CPU" value={latest ? `${latest.cpuPercent.toFixed(1)} %` : "—"} />
        <Stat
          label="Memory"
          value={
            latest
              ? `${formatBytes(latest.memUsedBytes)} / ${formatBytes(latest.memTotalBytes)}`
              : "—"
          }
        />
        <Stat
          label="Disk"
          value={
            latest
              ? `${formatBytes(latest.diskUsedBytes)} / ${formatBytes(latest.diskTotalBytes)}`
              : "—"
          }
        />
        <Stat
          label="Network rx / tx"
          value={
            latest
              ? `${formatBytes(latest.netRxBytesPerSec)}/s / ${formatBytes(latest.netTxBytesPerSec)}/s`
              : "—"
          }
        />
        <Stat
          label="Load"
          value={
            latest
              ? `${latest.load1.toFixed(2)} ${latest.load5.toFixed(2)} ${latest.load15.toFixed(2)}`
              : "—"
          }
        />
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
