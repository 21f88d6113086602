import { VolumeNameSchema } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { backupSchedulesChanged } from "./backup-scheduler";

/** Stops a volume's scheduled backups (the stored backups stay); none to stop is fine. */
export async function removeBackupSchedule(
  user: SessionUser,
  hostId: string,
  name: string,
  clientAddress?: string,
): Promise<void> {
  const volume = VolumeNameSchema.parse(name);
  await audited(
    {
      actor: user,
      action: "volume.schedule",
      hostId,
      target: volume,
      params: { removed: true },
      clientAddress,
    },
    async () => {
      await requireHostPermission(user, hostId, "volume.manage");
      await db.volumeBackupSchedule.deleteMany({ where: { hostId, volume } });
      backupSchedulesChanged();
    },
  );
}
