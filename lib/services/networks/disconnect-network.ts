import { NetworkDisconnectParamsSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withNetworkErrorField } from "./network-error-field";

/** `docker network disconnect [-f]`: a container leaves a network. */
export async function disconnectNetwork(
  user: SessionUser,
  hostId: string,
  networkRef: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ ok: true }> {
  const params = NetworkDisconnectParamsSchema.parse({ ...(input as object), network: networkRef });
  const { network, ...settings } = params;
  return audited(
    {
      actor: user,
      action: "network.disconnect",
      hostId,
      target: network,
      params: settings,
      clientAddress,
    },
    async () => {
      await requireHostPermission(user, hostId, "network.manage");
      try {
        await getAgentHub().call(hostId, "network.disconnect", params);
      } catch (err) {
        throw withNetworkErrorField(err, "disconnect");
      }
      return { ok: true as const };
    },
  );
}
