import {
  VolumeCreateSchema,
  VolumeNameSchema,
  type Progress,
  type VolumeRestoreResult,
} from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { checkVolumeCreate } from "./check-volume-create";
import { requireVolumeAccess } from "./require-volume-access";
import { VOLUME_COPY_TIMEOUT_MS } from "./volume-limits";

export const VolumeCloneSchema = VolumeCreateSchema.extend({
  name: VolumeNameSchema.describe("the new volume"),
});

/**
 * A new volume with the same contents as `source` (copied through helper containers on the host,
 * owners, modes and symlinks kept); progress in bytes. The new volume's options pass the policy
 * like a create; a failed clone removes it.
 */
export async function cloneVolume(
  user: SessionUser,
  hostId: string,
  source: string,
  input: unknown,
  options: { onProgress?: (p: Progress) => void; clientAddress?: string } = {},
): Promise<VolumeRestoreResult> {
  const from = VolumeNameSchema.parse(source);
  const target = VolumeCloneSchema.parse(input);
  return audited(
    {
      actor: user,
      action: "volume.clone",
      hostId,
      target: from,
      params: { ...target, source: from },
      clientAddress: options.clientAddress,
    },
    async () => {
      const access = await requireVolumeAccess(user, hostId, from, "volume.manage");
      const checked = await checkVolumeCreate(hostId, access.role, target);
      return getAgentHub().call(
        hostId,
        "volume.clone",
        {
          ...access.helper,
          allowProtectedPaths: checked.allowProtectedPaths,
          source: from,
          target: { ...checked.params, name: target.name },
        },
        { timeoutMs: VOLUME_COPY_TIMEOUT_MS, onProgress: options.onProgress },
      );
    },
  );
}
