import { BerthError, type SwarmStatus } from "@/lib/protocol";
import { db } from "@/lib/db";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { StoredEngineInfoSchema } from "@/lib/services/hosts/update-engine-info";

/**
 * A Berth host with the swarm node id its agent last reported (null outside a swarm), and the
 * last one it had at all (kept while its engine shuts down or is down).
 */
export type KnownNode = {
  hostId: string;
  hostName: string;
  nodeId: string | null;
  lastNodeId: string | null;
};

/**
 * Every enrolled host with its swarm node id as its agent last reported it (`docker info`
 * Swarm.NodeID): swarm nodes are matched to hosts by this id, never by hostname. The report
 * follows a change by a second or so: callers that just changed a host ask its agent instead.
 */
export async function readKnownNodes(): Promise<KnownNode[]> {
  const hosts = await db.host.findMany({
    where: { revokedAt: null },
    select: { id: true, name: true, engineInfo: true },
  });
  return hosts.map((h) => {
    const info = StoredEngineInfoSchema.safeParse(h.engineInfo).data;
    return {
      hostId: h.id,
      hostName: h.name,
      nodeId: info?.swarmNodeId || null,
      lastNodeId: info?.lastSwarmNodeId || info?.swarmNodeId || null,
    };
  });
}

/** The node ids of the managers a node knows, itself included when it is one. */
export function managerNodeIds(status: SwarmStatus): string[] {
  const ids = status.remoteManagers.map((m) => m.nodeId);
  if (status.manager && !ids.includes(status.nodeId)) ids.push(status.nodeId);
  return ids;
}

/** A manager of the swarm a node with this status is in, reachable through its agent. */
export type ManagerHost = { hostId: string; hostName: string; status: SwarmStatus };

/**
 * An online Berth host that manages the swarm `status` belongs to (preferring `prefer`, which are
 * asked even when their last report predates joining): the server drives the swarm through it.
 * None when no manager of the swarm is an online Berth host.
 */
export async function findManagerHost(
  status: SwarmStatus,
  prefer: readonly string[] = [],
): Promise<ManagerHost | null> {
  const hub = getAgentHub();
  const ids = new Set(managerNodeIds(status));
  const known = await readKnownNodes();
  const isManager = async (node: KnownNode): Promise<ManagerHost | null> => {
    const fresh = await hub.call(node.hostId, "swarm.status", {}).catch(() => null);
    return fresh?.manager && fresh.state === "active" && ids.has(fresh.nodeId)
      ? { hostId: node.hostId, hostName: node.hostName, status: fresh }
      : null;
  };
  const candidates = known
    .filter(
      (n) =>
        ((n.nodeId && ids.has(n.nodeId)) || prefer.includes(n.hostId)) && hub.isOnline(n.hostId),
    )
    .sort((a, b) => Number(prefer.includes(b.hostId)) - Number(prefer.includes(a.hostId)));
  // a manager cut off from the others still says it is one, with the engine's error (no leader)
  // in its status: take it only when no other answers, so its words reach the caller
  let troubled: ManagerHost | null = null;
  for (const candidate of candidates) {
    const manager = await isManager(candidate);
    if (manager && !manager.status.error) return manager;
    troubled ??= manager;
  }
  // A host that became a manager a moment ago has not reported its node id yet: ask the others.
  const tried = new Set(candidates.map((c) => c.hostId));
  const others = known.filter((n) => !tried.has(n.hostId) && hub.isOnline(n.hostId));
  const found = (await Promise.all(others.map(isManager))).filter((m) => m !== null);
  return found.find((m) => !m.status.error) ?? troubled ?? found[0] ?? null;
}

/** Like findManagerHost, but a swarm Berth cannot reach a manager of is an error in words. */
export async function requireManagerHost(
  status: SwarmStatus,
  prefer: readonly string[] = [],
): Promise<ManagerHost> {
  const manager = await findManagerHost(status, prefer);
  if (!manager) {
    throw new BerthError(
      "CONFLICT",
      "No manager of this swarm is online in Berth: bring one of its managers' agents back, or add a manager host to Berth.",
    );
  }
  return manager;
}

/** A host's swarm status, with the host's name in the error when its agent or engine cannot say. */
export async function readSwarmStatus(hostId: string, hostName: string): Promise<SwarmStatus> {
  const hub = getAgentHub();
  if (!hub.isOnline(hostId)) {
    throw new BerthError("HOST_OFFLINE", `${hostName} is offline.`);
  }
  return hub.call(hostId, "swarm.status", {}).catch((err: unknown) => {
    if (err instanceof BerthError && err.code === "ENGINE_UNAVAILABLE") {
      throw new BerthError(
        "ENGINE_UNAVAILABLE",
        `${hostName}'s Docker engine is not answering (${err.message}). Nothing goes through this host until its engine is back; act on the swarm through another of its hosts.`,
      );
    }
    throw err;
  });
}
