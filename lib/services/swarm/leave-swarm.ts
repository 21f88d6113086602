import { BerthError } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { findManagerHost, readSwarmStatus } from "./swarm-hosts";

const DEMOTE_TIMEOUT_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes a host out of its swarm: a manager is demoted first by another manager (so the others
 * keep their quorum), then the engine leaves, then its node is removed from the swarm's list.
 * Its service tasks are started elsewhere. The last manager may leave only as the last node,
 * which ends the swarm. Needs host.manage on the host.
 */
export async function leaveSwarm(
  user: SessionUser,
  hostId: string,
  clientAddress?: string,
): Promise<{ left: true }> {
  const hub = getAgentHub();
  return audited({ actor: user, action: "swarm.leave", hostId, clientAddress }, async () => {
    const { host } = await requireHostPermission(user, hostId, "host.manage");
    const status = await readSwarmStatus(host.id, host.name);
    if (status.state === "inactive") {
      throw new BerthError("CONFLICT", `${host.name} is not in a swarm.`);
    }
    if (status.state !== "active") {
      // pending or error: nothing to hand over, the engine just stops trying
      await hub.call(host.id, "swarm.leave", { force: true });
      return { left: true as const };
    }
    const others = status.manager
      ? await otherManager(host.id, status)
      : await findManagerHost(status, []);
    if (status.manager) {
      const { nodes } = await hub.call(host.id, "swarm.nodes", {});
      if (!others) {
        if (nodes.length > 1) {
          throw new BerthError(
            "CONFLICT",
            `${host.name} is the only manager Berth can reach in this swarm of ${nodes.length} nodes: leaving would leave the others without a manager. Remove the other nodes first, or add a manager.`,
          );
        }
        await hub.call(host.id, "swarm.leave", { force: true });
        return { left: true as const };
      }
      await hub.call(others.hostId, "swarm.nodeUpdate", { nodeId: status.nodeId, role: "worker" });
      await waitUntilWorker(host.id);
    }
    await hub.call(host.id, "swarm.leave", { force: false });
    if (others) {
      // its node stays listed as down until a manager removes it
      await hub
        .call(others.hostId, "swarm.nodeRemove", { nodeId: status.nodeId, force: true })
        .catch(() => undefined);
    }
    return { left: true as const };
  });
}

/** Another manager than this host, reachable through Berth. */
async function otherManager(hostId: string, status: Parameters<typeof findManagerHost>[0]) {
  const remote = {
    ...status,
    manager: false,
    remoteManagers: status.remoteManagers.filter((m) => m.nodeId !== status.nodeId),
  };
  const found = await findManagerHost(remote, []);
  return found && found.hostId !== hostId ? found : null;
}

async function waitUntilWorker(hostId: string): Promise<void> {
  const deadline = Date.now() + DEMOTE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const status = await getAgentHub().call(hostId, "swarm.status", {});
    if (!status.manager) return;
    await sleep(250);
  }
  throw new BerthError("TIMEOUT", "The host was not demoted to a worker in time; try again.");
}
