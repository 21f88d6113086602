"use client";

import { Stat } from "@/components/ui/stat";
import { useEffect, useState } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { UiEvents, type ContainerStatsSample, type UiPushPayload } from "@/lib/protocol";
import { formatBytes } from "@/components/ui/format";
import { useUiSocket } from "@/components/ui/use-ui-socket";
import { LinkLostNotice } from "@/components/ui/alert";

const WINDOW_MS = 5 * 60 * 1000;

function timeLabel(at: number): string {
  return new Date(at).toLocaleTimeString([], {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** Keeps the last five minutes, sorted, without duplicates. */
export function appendSample(
  prev: readonly ContainerStatsSample[],
  sample: ContainerStatsSample,
): ContainerStatsSample[] {
  const cutoff = sample.at - WINDOW_MS;
  return [...prev.filter((s) => s.at >= cutoff && s.at < sample.at), sample];
}

const rate = (v: number | null | undefined) => (v == null ? "—" : `${formatBytes(v)}/s`);

/** CPU, memory, network, block I/O and pids of one container, live (one sample a second). */
export function ContainerStatsChart({
  hostId,
  containerId,
}: {
  hostId: string;
  containerId: string;
}) {
  const { socket, link } = useUiSocket();
  const [samples, setSamples] = useState<ContainerStatsSample[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    let subId: string | null = null;
    let disposed = false;
    const subscribe = () => {
      socket.emit(UiEvents.statsSubscribe, { hostId, containerId }, (answer) => {
        if (disposed) {
          if (answer?.ok)
            socket.emit(UiEvents.statsUnsubscribe, { subscriptionId: answer.subscriptionId });
          return;
        }
        if (!answer || !answer.ok) {
          setError(answer?.error?.message ?? "Could not follow this container's stats.");
          return;
        }
        setError(null);
        subId = answer.subscriptionId;
        const initial = [...answer.samples].sort((a, b) => a.at - b.at);
        setSamples((prev) => {
          let merged = initial;
          for (const s of prev) if (!initial.some((i) => i.at === s.at)) merged = [...merged, s];
          merged.sort((a, b) => a.at - b.at);
          const last = merged.at(-1);
          return last ? merged.filter((s) => s.at >= last.at - WINDOW_MS) : merged;
        });
      });
    };
    const onSample = (payload: UiPushPayload<typeof UiEvents.statsSample>) => {
      if (!payload || payload.subscriptionId !== subId || subId === null) return;
      setSamples((prev) => appendSample(prev, payload.sample));
    };
    const onDisconnect = () => {
      subId = null;
    };
    socket.on(UiEvents.statsSample, onSample);
    socket.on("connect", subscribe);
    socket.on("disconnect", onDisconnect);
    if (socket.connected) subscribe();
    return () => {
      disposed = true;
      socket.off(UiEvents.statsSample, onSample);
      socket.off("connect", subscribe);
      socket.off("disconnect", onDisconnect);
      if (subId) socket.emit(UiEvents.statsUnsubscribe, { subscriptionId: subId });
    };
  }, [socket, hostId, containerId]);

  const latest = samples.at(-1);
  const data = samples.map((s) => ({
    at: s.at,
    cpu: s.cpuPercent == null ? null : Number(s.cpuPercent.toFixed(2)),
    mem: s.memoryBytes,
    limit: s.memoryLimitBytes,
    rx: s.netRxBytesPerSec,
    tx: s.netTxBytesPerSec,
    read: s.blockReadBytesPerSec,
    write: s.blockWriteBytesPerSec,
    pids: s.pids,
  }));
  const memPercent =
    latest?.memoryBytes != null && latest.memoryLimitBytes
      ? ` (${((latest.memoryBytes / latest.memoryLimitBytes) * 100).toFixed(1)} %)`
      : "";

  return (
    <div className="space-y-3" data-testid="container-stats">
      {link === "lost" ? <LinkLostNotice /> : null}
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="stats-values">
        <Stat
          label="CPU"
          value={latest?.cpuPercent != null ? `${latest.cpuPercent.toFixed(1)} %` : "—"}
        />
        <Stat
          label="Memory"
          value={
            latest?.memoryBytes != null
              ? `${formatBytes(latest.memoryBytes)}${latest.memoryLimitBytes ? ` / ${formatBytes(latest.memoryLimitBytes)}` : ""}${memPercent}`
              : "—"
          }
        />
        <Stat
          label="Network rx / tx"
          value={`${rate(latest?.netRxBytesPerSec)} / ${rate(latest?.netTxBytesPerSec)}`}
        />
        <Stat
          label="Block read / write"
          value={`${rate(latest?.blockReadBytesPerSec)} / ${rate(latest?.blockWriteBytesPerSec)}`}
        />
        <Stat label="PIDs" value={latest?.pids != null ? String(latest.pids) : "—"} />
      </dl>
      {data.length === 0 ? (
        <p className="flex h-40 items-center justify-center text-sm text-slate-400">
          Waiting for the first samples…
        </p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2" data-testid="stats-charts">
          <MiniChart
            title="CPU %"
            data={data}
            lines={[{ key: "cpu", name: "CPU", color: "#0369a1" }]}
            format={(v) => `${v < 1 ? v.toFixed(2) : v.toFixed(1)} %`}
          />
          <MiniChart
            title="Memory"
            data={data}
            lines={[
              { key: "mem", name: "Used", color: "#7c3aed" },
              { key: "limit", name: "Limit", color: "#94a3b8", dashed: true },
            ]}
            format={formatBytes}
          />
          <MiniChart
            title="Network"
            data={data}
            lines={[
              { key: "rx", name: "rx", color: "#059669" },
              { key: "tx", name: "tx", color: "#d97706" },
            ]}
            format={(v) => `${formatBytes(v)}/s`}
          />
          <MiniChart
            title="Block I/O"
            data={data}
            lines={[
              { key: "read", name: "read", color: "#2563eb" },
              { key: "write", name: "write", color: "#dc2626" },
            ]}
            format={(v) => `${formatBytes(v)}/s`}
          />
          <MiniChart
            title="PIDs"
            data={data}
            lines={[{ key: "pids", name: "PIDs", color: "#475569" }]}
            format={(v) => String(Math.round(v))}
            integer
          />
        </div>
      )}
    </div>
  );
}

type Row = Record<string, number | null>;

function MiniChart({
  title,
  data,
  lines,
  format,
  integer = false,
}: {
  title: string;
  data: Row[];
  lines: { key: string; name: string; color: string; dashed?: boolean }[];
  format: (v: number) => string;
  integer?: boolean;
}) {
  return (
    <figure className="rounded-md border border-slate-200 bg-white p-2">
      <figcaption className="px-1 text-xs font-medium text-slate-600">{title}</figcaption>
      <div className="h-40">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis
              dataKey="at"
              type="number"
              domain={["dataMin", "dataMax"]}
              tickFormatter={timeLabel}
              fontSize={10}
            />
            <YAxis
              fontSize={10}
              width={64}
              allowDecimals={!integer}
              tickFormatter={(v: number) => format(v)}
            />
            <Tooltip
              labelFormatter={(v) => timeLabel(Number(v))}
              formatter={(v, name) => [typeof v === "number" ? format(v) : "—", name]}
            />
            {lines.map((l) => (
              <Line
                key={l.key}
                type="monotone"
                dataKey={l.key}
                name={l.name}
                stroke={l.color}
                strokeDasharray={l.dashed ? "4 3" : undefined}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
