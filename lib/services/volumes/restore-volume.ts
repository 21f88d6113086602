import { z } from "zod";
import {
  BerthError,
  VolumeNameSchema,
  type Progress,
  type VolumeRestoreResult,
} from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withUpload } from "@/lib/services/images/send-upload";
import { BackupIdSchema, openStoredBackup } from "./backup-files";
import { requireVolumeAccess } from "./require-volume-access";
import { VOLUME_COPY_TIMEOUT_MS } from "./volume-limits";

export const RestoreQuerySchema = z.object({
  backup: BackupIdSchema.optional().describe(
    "a backup stored on the server; without it the request body is the .tar.gz",
  ),
  from: VolumeNameSchema.optional().describe(
    "the volume the stored backup belongs to (default: the one restored into)",
  ),
  create: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true")
    .describe("create the volume (local driver) instead of restoring into an existing empty one"),
});

/**
 * A backup (stored on the server, or a .tar.gz in the request body) into a new volume or an empty
 * one that no running container uses, streamed to the host and checked on its way; progress in
 * bytes. A failed restore empties the volume again (or removes the new one).
 */
export async function restoreVolume(
  user: SessionUser,
  hostId: string,
  name: string,
  query: unknown,
  body: AsyncIterable<Uint8Array> | null,
  options: { onProgress?: (p: Progress) => void; clientAddress?: string; size?: number } = {},
): Promise<VolumeRestoreResult> {
  const volume = VolumeNameSchema.parse(name);
  const source = RestoreQuerySchema.parse(query);
  return audited(
    {
      actor: user,
      action: "volume.restore",
      hostId,
      target: volume,
      params: {
        backup: source.backup ?? "upload",
        ...(source.from ? { from: source.from } : {}),
        create: source.create,
      },
      clientAddress: options.clientAddress,
    },
    async () => {
      const { helper } = await requireVolumeAccess(user, hostId, volume, "volume.manage");
      let bytes = body;
      let total = options.size;
      if (source.backup) {
        await requireVolumeAccess(user, hostId, source.from ?? volume, "volume.read");
        const stored = await openStoredBackup(hostId, source.from ?? volume, source.backup);
        bytes = stored.stream;
        total = stored.size;
      }
      if (!bytes) throw new BerthError("BAD_REQUEST", "Send the backup (.tar.gz) as the body.");
      const onProgress = options.onProgress;
      return withUpload(hostId, bytes, (uploadId) =>
        getAgentHub().call(
          hostId,
          "volume.restore",
          {
            ...helper,
            name: volume,
            create: source.create ? { driver: "local", driverOpts: {}, labels: {} } : null,
            uploadId,
          },
          {
            timeoutMs: VOLUME_COPY_TIMEOUT_MS,
            onProgress: onProgress && ((p) => onProgress(total ? { ...p, total } : p)),
          },
        ),
      );
    },
  );
}
