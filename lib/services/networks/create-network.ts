import { NetworkSpecSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { enforceNetworkCreatePolicy } from "@/lib/services/policy/enforce-network-policy";
import { withNetworkErrorField } from "./network-error-field";

export type CreatedNetwork = { id: string; name: string };

/** `docker network create` on one host: validated, guarded by role and the host's policy, audited. */
export async function createNetwork(
  user: SessionUser,
  hostId: string,
  input: unknown,
  clientAddress?: string,
): Promise<CreatedNetwork> {
  const spec = NetworkSpecSchema.parse(input);
  const { name, ...settings } = spec;
  return audited(
    {
      actor: user,
      action: "network.create",
      hostId,
      target: name,
      params: settings,
      clientAddress,
    },
    async () => {
      const { role } = await requireHostPermission(user, hostId, "network.manage");
      await enforceNetworkCreatePolicy(hostId, role, spec);
      try {
        return await getAgentHub().call(hostId, "network.create", { spec });
      } catch (err) {
        throw withNetworkErrorField(err, "create");
      }
    },
  );
}
