import type { VolumePruneResult } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

// The engine measures what each volume held as it removes it.
const PRUNE_TIMEOUT_MS = 10 * 60_000;

/** `docker volume prune --all` on one host, with the space it gave back. */
export async function pruneVolumes(
  user: SessionUser,
  hostId: string,
  clientAddress?: string,
): Promise<VolumePruneResult> {
  return audited({ actor: user, action: "volume.prune", hostId, clientAddress }, async () => {
    await requireHostPermission(user, hostId, "volume.manage");
    return getAgentHub().call(hostId, "volume.prune", {}, { timeoutMs: PRUNE_TIMEOUT_MS });
  });
}
