"use client";

import { formatAgo } from "@/components/ui/format";
import { StatusBadge } from "./status-badge";
import { useHostStatus } from "./use-host-status";

export function HostHeader({
  hostId,
  name,
  online,
  lastSeenAt,
}: {
  hostId: string;
  name: string;
  online: boolean;
  lastSeenAt: number | null;
}) {
  const status = useHostStatus([{ hostId, online, lastSeenAt }]).get(hostId);
  const isOnline = status?.online ?? online;
  return (
    <div className="flex items-center gap-3">
      <h1 className="text-xl font-semibold">{name}</h1>
      <StatusBadge online={isOnline} />
      {isOnline ? null : (
        <span className="text-sm text-slate-500">
          last seen {formatAgo(status?.lastSeenAt ?? lastSeenAt)}
        </span>
      )}
    </div>
  );
}
