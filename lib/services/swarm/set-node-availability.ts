import { BerthError, NodeAvailabilitySchema, type NodeAvailability } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { readSwarmStatus, requireManagerHost } from "./swarm-hosts";

/**
 * Drain (its tasks move to other nodes, no new ones come), pause or activate the swarm node of a
 * host, through a manager. Needs host.manage on that host.
 */
export async function setNodeAvailability(
  user: SessionUser,
  hostId: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ availability: NodeAvailability }> {
  const availability = NodeAvailabilitySchema.parse(input);
  return audited(
    {
      actor: user,
      action: "swarm.node.update",
      hostId,
      params: { availability },
      clientAddress,
    },
    async () => {
      const { host } = await requireHostPermission(user, hostId, "host.manage");
      const status = await readSwarmStatus(host.id, host.name);
      if (status.state !== "active" || !status.nodeId) {
        throw new BerthError("CONFLICT", `${host.name} is not in a swarm.`);
      }
      const manager = await requireManagerHost(status, [host.id]);
      await getAgentHub().call(manager.hostId, "swarm.nodeUpdate", {
        nodeId: status.nodeId,
        availability,
      });
      return { availability };
    },
  );
}
