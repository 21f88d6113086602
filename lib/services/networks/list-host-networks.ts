import type { NetworkSummary } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { listJoinableOverlays } from "@/lib/services/swarm/list-joinable-overlays";

/** One host's networks by name; an offline host is an error (HOST_OFFLINE), not an empty list. */
export async function listHostNetworks(
  user: SessionUser,
  hostId: string,
): Promise<NetworkSummary[]> {
  await requireHostPermission(user, hostId, "network.read");
  const { networks } = await getAgentHub().call(hostId, "network.list", {});
  networks.push(...(await listJoinableOverlays(hostId, networks)));
  return networks.sort((a, b) => a.name.localeCompare(b.name));
}
