import type { HostInterface } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

/** The host's network interfaces, as its agent reads them: the parents a macvlan can sit on. */
export async function listHostInterfaces(
  user: SessionUser,
  hostId: string,
): Promise<HostInterface[]> {
  await requireHostPermission(user, hostId, "network.read");
  return (await getAgentHub().call(hostId, "host.interfaces", {})).interfaces;
}
