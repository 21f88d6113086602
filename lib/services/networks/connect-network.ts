import { NetworkConnectParamsSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { enforceNetworkConnectPolicy } from "@/lib/services/policy/enforce-network-policy";
import { withNetworkErrorField } from "./network-error-field";

/**
 * `docker network connect`: a container joins a network, with aliases and static addresses. The
 * network is looked up first, so the host network is judged by the policy whatever it is called,
 * and the container is connected to exactly the network that was judged (by its id).
 */
export async function connectNetwork(
  user: SessionUser,
  hostId: string,
  networkRef: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ ok: true }> {
  const params = NetworkConnectParamsSchema.parse({ ...(input as object), network: networkRef });
  const { network: target, ...settings } = params;
  return audited(
    { actor: user, action: "network.connect", hostId, target, params: settings, clientAddress },
    async () => {
      const { role } = await requireHostPermission(user, hostId, "network.manage");
      const hub = getAgentHub();
      const { network } = await hub.call(hostId, "network.inspect", { network: target });
      await enforceNetworkConnectPolicy(hostId, role, network);
      try {
        await hub.call(hostId, "network.connect", { ...params, network: network.id });
      } catch (err) {
        throw withNetworkErrorField(err, "connect", params);
      }
      return { ok: true as const };
    },
  );
}
