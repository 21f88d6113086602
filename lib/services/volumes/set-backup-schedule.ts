import { z } from "zod";
import { VolumeNameSchema } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { DEFAULT_RETENTION, RetentionSchema } from "./backup-files";
import { backupSchedulesChanged } from "./backup-scheduler";
import { CronSchema, nextRunOf } from "./cron-schedule";
import { requireVolumeAccess } from "./require-volume-access";

export const BackupScheduleSchema = z.object({
  cron: CronSchema.describe("when to back up (croner syntax, the server's time zone)"),
  retention: RetentionSchema.default(DEFAULT_RETENTION).describe(
    "stored backups of this volume to keep; older ones are deleted after each backup",
  ),
});

/**
 * Backs the volume up to the server on a cron schedule (one per volume: setting it again
 * replaces it). The server runs it; each run is audited and its result shown with the schedule.
 */
export async function setBackupSchedule(
  user: SessionUser,
  hostId: string,
  name: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ nextRunAt: number }> {
  const volume = VolumeNameSchema.parse(name);
  const { cron, retention } = BackupScheduleSchema.parse(input);
  return audited(
    {
      actor: user,
      action: "volume.schedule",
      hostId,
      target: volume,
      params: { cron, retention },
      clientAddress,
    },
    async () => {
      await requireVolumeAccess(user, hostId, volume, "volume.manage");
      // a schedule for a volume that is not there would only ever fail
      await getAgentHub().call(hostId, "volume.inspect", { name: volume });
      const nextRunAt = nextRunOf(cron, new Date());
      const fields = { cron, retention, createdBy: user.email, nextRunAt };
      await db.volumeBackupSchedule.upsert({
        where: { hostId_volume: { hostId, volume } },
        create: { hostId, volume, ...fields },
        update: fields,
      });
      backupSchedulesChanged();
      return { nextRunAt: nextRunAt.getTime() };
    },
  );
}
