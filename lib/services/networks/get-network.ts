import { NetworkRefSchema, type NetworkSummary } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

export type NetworkDetail = {
  network: NetworkSummary;
  /** `docker network inspect` as the engine answered it. */
  inspect: Record<string, unknown>;
  role: HostRoleName;
};

/** One network by id or name: its settings, every connected container and the engine's inspect. */
export async function getNetwork(
  user: SessionUser,
  hostId: string,
  networkRef: string,
): Promise<NetworkDetail> {
  const network = NetworkRefSchema.parse(networkRef);
  const { role } = await requireHostPermission(user, hostId, "network.read");
  const detail = await getAgentHub().call(hostId, "network.inspect", { network });
  return { ...detail, role };
}
