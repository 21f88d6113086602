"use client";

import { useEffect, useState } from "react";
import { HostMetricChart, HostViewPicker, type HostChartView } from "./host-metric-chart";
import { HostSampleSchema, UiAckSchema, UiEvents, type HostSample } from "@/lib/protocol";
import { formatBytes } from "@/components/ui/format";
import { useUiSocket } from "@/components/ui/use-ui-socket";

const WINDOW_MS = 5 * 60 * 1000;

function timeLabel(at: number): string {
  return new Date(at).toLocaleTimeString([], {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** CPU and memory of one host, live from the agent (one sample a second while open). */
export function LiveHostChart({ hostId }: { hostId: string }) {
  const { socket, link } = useUiSocket();
  const [samples, setSamples] = useState<HostSample[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<HostChartView>("usage");

  useEffect(() => {
    if (!socket) return;
    const subscribe = () => {
      socket.emit(UiEvents.metricsSubscribe, { hostId }, (answer: unknown) => {
        const ack = UiAckSchema.safeParse(answer);
        if (!ack.success) return;
        if (!ack.data.ok) {
          setError(ack.data.error.message);
          return;
        }
        setError(null);
        setSamples(ack.data.samples ?? []);
      });
    };
    const onSample = (payload: unknown) => {
      const message = payload as { hostId?: string; sample?: unknown };
      if (message.hostId !== hostId) return;
      const sample = HostSampleSchema.safeParse(message.sample);
      if (!sample.success) return;
      setSamples((prev) => {
        const cutoff = sample.data.at - WINDOW_MS;
        return [...prev.filter((s) => s.at >= cutoff && s.at < sample.data.at), sample.data];
      });
    };
    socket.on(UiEvents.metricsSample, onSample);
    socket.on("connect", subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off(UiEvents.metricsSample, onSample);
      socket.off("connect", subscribe);
      socket.emit(UiEvents.metricsUnsubscribe, { hostId });
    };
  }, [socket, hostId]);

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

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}
