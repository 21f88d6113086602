import { OverlayNetworkRequestSchema } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withNetworkErrorField } from "@/lib/services/networks/network-error-field";
import { formSwarm, type FormedMember } from "./form-swarm";

export type CreatedOverlayNetwork = {
  id: string;
  name: string;
  managerHostId: string;
  members: FormedMember[];
};

/**
 * An overlay network across hosts: the hosts are put in one swarm first (founded or extended
 * through their agents), then a manager creates an attachable overlay network, optionally
 * encrypted, that containers on every member host can join. Needs network.manage on every host.
 */
export async function createOverlayNetwork(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<CreatedOverlayNetwork> {
  const request = OverlayNetworkRequestSchema.parse(input);
  const { hosts, name, defaultAddrPool, ...spec } = request;
  const swarm = await formSwarm(user, hosts, "network.manage", { clientAddress, defaultAddrPool });
  const { manager } = swarm;
  return audited(
    {
      actor: user,
      action: "swarm.network.create",
      hostId: manager.hostId,
      target: name,
      params: { ...spec, hosts: swarm.members.map((m) => m.hostName) },
      clientAddress,
    },
    async () => {
      try {
        const created = await getAgentHub().call(manager.hostId, "swarm.networkCreate", {
          spec: { name, encrypted: spec.encrypted, subnet: spec.subnet },
        });
        return { ...created, managerHostId: manager.hostId, members: swarm.members };
      } catch (err) {
        throw withNetworkErrorField(err, "create");
      }
    },
  );
}
