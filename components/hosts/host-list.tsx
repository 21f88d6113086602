"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { HostView } from "@/lib/services/hosts/host-view";
import { formatAgo, formatBytes } from "@/components/ui/format";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";
import { StatusBadge } from "./status-badge";
import { useHostStatus } from "./use-host-status";

/** The hosts the user sees; it loads again when a host is added, removed or comes online. */
export function HostList({ hosts }: { hosts: HostView[] }) {
  const router = useRouter();
  useHostChangeFeed("hostsChanged", () => router.refresh());
  const statuses = useHostStatus(
    hosts.map((h) => ({ hostId: h.id, online: h.online, lastSeenAt: h.lastSeenAt })),
  );

  if (hosts.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">
        No hosts yet. Use <strong>Add host</strong> to install the agent on a machine with Docker.
      </p>
    );
  }

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">Host</th>
            <th className="px-4 py-2">State</th>
            <th className="px-4 py-2">Docker</th>
            <th className="px-4 py-2">CPUs</th>
            <th className="px-4 py-2">Memory</th>
            <th className="px-4 py-2">Containers</th>
            <th className="px-4 py-2">Last seen</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {hosts.map((host) => {
            const status = statuses.get(host.id);
            const online = status?.online ?? host.online;
            return (
              <tr key={host.id} data-testid="host-row" className="hover:bg-slate-50">
                <td className="px-4 py-2">
                  <Link
                    href={`/hosts/${host.id}`}
                    className="font-medium text-sky-800 hover:underline"
                  >
                    {host.name}
                  </Link>
                  {host.hostname && host.hostname !== host.name ? (
                    <span className="ml-2 text-xs text-slate-400">{host.hostname}</span>
                  ) : null}
                </td>
                <td className="px-4 py-2">
                  <StatusBadge online={online} />
                </td>
                <td className="px-4 py-2">{host.engine?.engineVersion ?? "—"}</td>
                <td className="px-4 py-2">{host.engine?.cpus ?? "—"}</td>
                <td className="px-4 py-2">
                  {host.engine ? formatBytes(host.engine.memoryBytes) : "—"}
                </td>
                <td className="px-4 py-2">
                  {host.engine
                    ? `${host.engine.containersRunning} running / ${host.engine.containers}`
                    : "—"}
                </td>
                <td className="px-4 py-2 text-slate-500">
                  {online ? "now" : formatAgo(status?.lastSeenAt ?? host.lastSeenAt)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
