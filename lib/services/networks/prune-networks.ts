import type { NetworkPruneResult } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

// One removal per unused network: a host with hundreds takes a while.
const PRUNE_TIMEOUT_MS = 5 * 60_000;

/** `docker network prune` on one host: what was removed, and what stopped containers kept. */
export async function pruneNetworks(
  user: SessionUser,
  hostId: string,
  clientAddress?: string,
): Promise<NetworkPruneResult> {
  return audited({ actor: user, action: "network.prune", hostId, clientAddress }, async () => {
    await requireHostPermission(user, hostId, "network.manage");
    return getAgentHub().call(hostId, "network.prune", {}, { timeoutMs: PRUNE_TIMEOUT_MS });
  });
}
