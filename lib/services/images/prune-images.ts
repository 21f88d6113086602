import { ImagePruneParamsSchema, type ImagePruneResult } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

// Removing many layers can take the engine a while.
const PRUNE_TIMEOUT_MS = 10 * 60_000;

/** `docker image prune [-a]` on one host, with the space it gave back. */
export async function pruneImages(
  user: SessionUser,
  hostId: string,
  input: unknown,
  clientAddress?: string,
): Promise<ImagePruneResult> {
  const params = ImagePruneParamsSchema.parse(input);
  return audited(
    { actor: user, action: "image.prune", hostId, params, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "image.remove");
      return getAgentHub().call(hostId, "image.prune", params, { timeoutMs: PRUNE_TIMEOUT_MS });
    },
  );
}
