import { NetworkRefSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

/**
 * `docker network rm`. The host's agent refuses the engine's own networks, and a network any
 * container (running or stopped) is connected to, naming those containers.
 */
export async function removeNetwork(
  user: SessionUser,
  hostId: string,
  networkRef: string,
  clientAddress?: string,
): Promise<{ removed: string }> {
  const network = NetworkRefSchema.parse(networkRef);
  return audited(
    { actor: user, action: "network.remove", hostId, target: network, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "network.manage");
      await getAgentHub().call(hostId, "network.remove", { network });
      return { removed: network };
    },
  );
}
