"use client";

import Link from "next/link";
import { useState } from "react";
import type { ClusterHost, ClusterNode } from "@/lib/services/swarm/get-cluster";
import { roleAllows } from "@/lib/auth/permissions";
import { errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";

const STATE_STYLE: Record<string, string> = {
  ready: "bg-emerald-100 text-emerald-800",
  down: "bg-red-100 text-red-800",
};

/** One node's column head: host, role, state, availability, and drain / activate / leave. */
export function NodeHeader({
  node,
  host,
  onChanged,
  onError,
}: {
  node: ClusterNode;
  host: ClusterHost | undefined;
  onChanged: () => void;
  onError: (message: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const canManage = host !== undefined && host.online && roleAllows(host.role, "host.manage");
  const act = async (action: string, body: Record<string, unknown>, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    try {
      await postJson(`/api/swarm/${action}`, { hostId: node.hostId, ...body });
      onChanged();
    } catch (err) {
      onError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const label = node.hostName ?? node.hostname;
  return (
    <div className="space-y-1 p-2 text-xs" data-testid={`node-${label}`}>
      <div className="text-sm font-semibold">
        {node.hostId ? (
          <Link href={`/hosts/${encodeURIComponent(node.hostId)}`} className="hover:underline">
            {label}
          </Link>
        ) : (
          <span title="This node's engine is not a host you can see in Berth">{label}</span>
        )}
      </div>
      <div className="flex flex-wrap gap-1">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">
          {node.leader ? "leader" : node.role}
          {node.reachability && node.reachability !== "reachable" ? ` · ${node.reachability}` : ""}
        </span>
        <span
          className={`rounded px-1.5 py-0.5 ${STATE_STYLE[node.state] ?? "bg-amber-100 text-amber-800"}`}
          title={node.message}
        >
          {node.state}
        </span>
        <span
          className={`rounded px-1.5 py-0.5 ${node.availability === "active" ? "bg-sky-50 text-sky-800" : "bg-amber-100 text-amber-800"}`}
        >
          {node.availability}
        </span>
        {host && !host.online ? (
          <span className="rounded bg-red-50 px-1.5 py-0.5 text-red-700">agent offline</span>
        ) : null}
      </div>
      <div className="text-slate-500">{node.addr}</div>
      {canManage ? (
        <div className="flex gap-1 pt-1">
          {node.availability === "active" ? (
            <Button
              variant="secondary"
              className="px-2 py-1 text-xs"
              disabled={busy}
              onClick={() => act("node-availability", { availability: "drain" })}
            >
              Drain
            </Button>
          ) : (
            <Button
              variant="secondary"
              className="px-2 py-1 text-xs"
              disabled={busy}
              onClick={() => act("node-availability", { availability: "active" })}
            >
              Activate
            </Button>
          )}
          <Button
            variant="secondary"
            className="px-2 py-1 text-xs"
            disabled={busy}
            onClick={() =>
              act(
                "leave",
                {},
                `${label} leaves the swarm: its service tasks move to other nodes and its containers lose the overlay networks.`,
              )
            }
          >
            Leave swarm
          </Button>
        </div>
      ) : null}
    </div>
  );
}
