import type { NetworkSummary } from "@/lib/protocol";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { findManagerHost } from "./swarm-hosts";

/**
 * The swarm's attachable overlay networks a host's containers can join but its engine does not
 * list yet (a worker learns of one when its first container joins it), as network rows for the
 * run form's picker. They come from a manager: the host belongs to that swarm, so what it may
 * join is the host's own business. Empty when the host is not in a swarm or no manager is online.
 */
export async function listJoinableOverlays(
  hostId: string,
  listed: readonly NetworkSummary[],
): Promise<NetworkSummary[]> {
  const hub = getAgentHub();
  const status = await hub.call(hostId, "swarm.status", {});
  if (status.state !== "active" || status.manager) return [];
  const manager = await findManagerHost(status);
  if (!manager) return [];
  const { networks } = await hub.call(manager.hostId, "swarm.networks", {});
  const known = new Set(listed.map((n) => n.id));
  return networks
    .filter((n) => n.attachable && !known.has(n.id))
    .map((n): NetworkSummary => ({
      id: n.id,
      name: n.name,
      driver: "overlay",
      scope: "swarm",
      createdAt: n.createdAt,
      internal: false,
      attachable: true,
      ingress: false,
      enableIPv6: false,
      ipam: n.subnets.map((subnet) => ({ subnet })),
      options: n.encrypted ? { encrypted: "" } : {},
      labels: n.labels,
      builtIn: false,
      containers: [],
    }));
}
