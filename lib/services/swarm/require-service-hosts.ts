import { BerthError } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission, HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { nodesMatching, placeNodes, type PlacedNode } from "./service-placement";
import { readSwarmStatus, requireManagerHost, type ManagerHost } from "./swarm-hosts";

export type ServiceHosts = {
  manager: ManagerHost;
  nodes: PlacedNode[];
  /** Every host the service may run on, with the caller's role there. */
  targets: Array<{ hostId: string; hostName: string; role: HostRoleName }>;
};

/** The swarm `hostId` is in: an online manager and its nodes matched to hosts. */
export async function readServiceSwarm(
  user: SessionUser,
  hostId: string,
  permission: HostPermission,
): Promise<{ manager: ManagerHost; nodes: PlacedNode[] }> {
  const { host } = await requireHostPermission(user, hostId, permission);
  const status = await readSwarmStatus(host.id, host.name);
  if (status.state !== "active") {
    throw new BerthError("CONFLICT", `${host.name} is not in a swarm.`);
  }
  const manager = await requireManagerHost(status, [host.id]);
  await requireHostPermission(user, manager.hostId, permission);
  const { nodes } = await getAgentHub().call(manager.hostId, "swarm.nodes", {});
  const asked = [
    { hostId: host.id, hostName: host.name, nodeId: status.nodeId, lastNodeId: null },
    {
      hostId: manager.hostId,
      hostName: manager.hostName,
      nodeId: manager.status.nodeId,
      lastNodeId: null,
    },
  ];
  return { manager, nodes: await placeNodes(nodes, asked) };
}

/**
 * The guard for a service: `permission` on the host named, on the manager used and on every host
 * the service may run on under `constraints`. A node that is not a host the caller can see could
 * run its tasks unchecked: such a service must be placed on the caller's hosts.
 */
export async function requireServiceHosts(
  user: SessionUser,
  hostId: string,
  permission: HostPermission,
  constraints: (nodes: PlacedNode[]) => string[],
): Promise<ServiceHosts & { constraints: string[] }> {
  const { manager, nodes } = await readServiceSwarm(user, hostId, permission);
  const final = constraints(nodes);
  const targets: ServiceHosts["targets"] = [];
  for (const node of nodesMatching(nodes, final)) {
    const found = node.hostId
      ? await requireHostPermission(user, node.hostId, permission).catch((err: unknown) => {
          if (err instanceof BerthError && err.code === "NOT_FOUND") return null;
          throw err;
        })
      : null;
    if (!found) {
      throw new BerthError(
        "FORBIDDEN",
        `The service could run on the node ${node.hostname}, which is not a host you can see in Berth: place it on your hosts.`,
        "hostIds",
      );
    }
    targets.push({ hostId: found.host.id, hostName: found.host.name, role: found.role });
  }
  if (targets.length === 0) {
    throw new BerthError(
      "BAD_REQUEST",
      "No node of the swarm meets these constraints.",
      "constraints",
    );
  }
  return { manager, nodes, targets, constraints: final };
}
