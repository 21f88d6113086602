"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import type { ContainerPage } from "@/lib/services/containers/list-containers";
import { api, errorText } from "@/components/ui/api-client";
import { detailsHref } from "@/components/containers/urls";
import { useContainerFeed } from "@/components/containers/live";
import { formatBytes } from "@/components/ui/format";
import { HostCard, type OverviewHost } from "./host-card";

const REFRESH_MS = 5000;

type Top = { cpu: ContainerRow[]; memory: ContainerRow[] };

/** Every host's CPU and memory, and the ten busiest containers of the fleet. */
export function FleetOverview({ hosts: initialHosts }: { hosts: OverviewHost[] }) {
  const [hosts, setHosts] = useState(initialHosts);
  const [top, setTop] = useState<Top | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastLoad = useRef(0);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    lastLoad.current = Date.now();
    try {
      const [cpu, memory] = await Promise.all(
        (["cpu", "memory"] as const).map((sort) =>
          api<ContainerPage>(`/api/containers?state=running&sort=${sort}&dir=desc&limit=10`),
        ),
      );
      setTop({ cpu: cpu!.items, memory: memory!.items });
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);

  useContainerFeed({
    // Fresh numbers arrive: reload, at most every two seconds.
    onStats: () => {
      if (Date.now() - lastLoad.current > 2000) void load();
    },
    onHostStatus: (status) =>
      setHosts((list) =>
        list.map((h) =>
          h.id === status.hostId
            ? { ...h, online: status.online, lastSeenAt: status.lastSeenAt ?? h.lastSeenAt }
            : h,
        ),
      ),
    onReconnect: () => void load(),
  });

  const online = hosts.filter((h) => h.online).length;

  return (
    <div className="space-y-6" data-testid="fleet-overview">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">Overview</h1>
        <span className="text-sm text-slate-500" data-testid="overview-summary">
          {hosts.length} hosts · {online} online
        </span>
      </div>
      {hosts.length === 0 ? (
        <p className="text-sm text-slate-500">
          No hosts yet.{" "}
          <Link href="/hosts" className="text-sky-700 hover:underline">
            Add a host
          </Link>
        </p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="overview-hosts">
          {hosts.map((h) => (
            <HostCard key={h.id} host={h} />
          ))}
        </div>
      )}
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <TopTable
          title="Top containers by CPU"
          rows={top?.cpu}
          testId="top-cpu"
          value={(r) => (r.cpuPercent == null ? "—" : `${r.cpuPercent.toFixed(1)} %`)}
        />
        <TopTable
          title="Top containers by memory"
          rows={top?.memory}
          testId="top-memory"
          value={(r) => (r.memoryBytes == null ? "—" : formatBytes(r.memoryBytes))}
        />
      </div>
    </div>
  );
}

function TopTable({
  title,
  rows,
  testId,
  value,
}: {
  title: string;
  rows: ContainerRow[] | undefined;
  testId: string;
  value: (r: ContainerRow) => string;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-2 text-sm font-semibold text-slate-700">{title}</h2>
      {rows === undefined ? (
        <p className="text-sm text-slate-400">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-500">No running containers.</p>
      ) : (
        <table className="w-full text-left text-sm" data-testid={testId}>
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">Container</th>
              <th className="py-1 font-medium">Host</th>
              <th className="py-1 text-right font-medium">Now</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.hostId}/${r.id}`} className="border-t border-slate-100">
                <td className="max-w-0 truncate py-1 pr-2">
                  <Link href={detailsHref(r.hostId, r.id)} className="text-sky-700 hover:underline">
                    {r.name}
                  </Link>
                </td>
                <td className="truncate py-1 pr-2 text-slate-600">{r.hostName}</td>
                <td className="py-1 text-right tabular-nums">{value(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
