import { z } from "zod";
import { VolumeNameSchema, type Progress } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import {
  DEFAULT_RETENTION,
  RetentionSchema,
  saveStoredBackup,
  type StoredBackup,
} from "./backup-files";
import { withByteProgress } from "./byte-progress";
import { requireVolumeAccess, type HelperParams } from "./require-volume-access";

export const StoreBackupSchema = z.object({
  retention: RetentionSchema.default(DEFAULT_RETENTION).describe(
    "stored backups of this volume to keep; older ones are deleted",
  ),
});

export type StoredVolumeBackup = StoredBackup & { removed: string[] };

/** Streams a volume's backup from its host to the server's disk and applies the retention. */
export async function backUpToServer(
  hostId: string,
  volume: string,
  helper: HelperParams,
  retention: number,
  onProgress?: (p: Progress) => void,
): Promise<StoredVolumeBackup> {
  const stream = await getAgentHub().openStream(hostId, "volume.backup", {
    ...helper,
    name: volume,
  });
  return saveStoredBackup(
    hostId,
    volume,
    withByteProgress(stream, onProgress, "backup", "Backing up"),
    retention,
  );
}

/** A backup kept on the Berth server under BERTH_DATA/backups, with a retention count. */
export async function storeVolumeBackup(
  user: SessionUser,
  hostId: string,
  name: string,
  input: unknown,
  options: { onProgress?: (p: Progress) => void; clientAddress?: string } = {},
): Promise<StoredVolumeBackup> {
  const volume = VolumeNameSchema.parse(name);
  const { retention } = StoreBackupSchema.parse(input);
  return audited(
    {
      actor: user,
      action: "volume.backup",
      hostId,
      target: volume,
      params: { to: "server", retention },
      clientAddress: options.clientAddress,
    },
    async () => {
      const { helper } = await requireVolumeAccess(user, hostId, volume, "volume.manage");
      return backUpToServer(hostId, volume, helper, retention, options.onProgress);
    },
  );
}
