import { VolumeNameSchema } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { listStoredBackups, type StoredBackup } from "./backup-files";

export type BackupScheduleView = {
  cron: string;
  retention: number;
  createdBy: string;
  nextRunAt: number;
  lastRunAt: number | null;
  lastOutcome: "SUCCESS" | "FAILURE" | null;
  lastError: string | null;
  lastBytes: number | null;
};

export type VolumeBackups = { backups: StoredBackup[]; schedule: BackupScheduleView | null };

/** The volume's backups stored on the server, newest first, and its schedule with the last result. */
export async function listVolumeBackups(
  user: SessionUser,
  hostId: string,
  name: string,
): Promise<VolumeBackups> {
  const volume = VolumeNameSchema.parse(name);
  await requireHostPermission(user, hostId, "volume.read");
  const [backups, schedule] = await Promise.all([
    listStoredBackups(hostId, volume),
    db.volumeBackupSchedule.findUnique({ where: { hostId_volume: { hostId, volume } } }),
  ]);
  return {
    backups,
    schedule: schedule && {
      cron: schedule.cron,
      retention: schedule.retention,
      createdBy: schedule.createdBy,
      nextRunAt: schedule.nextRunAt.getTime(),
      lastRunAt: schedule.lastRunAt?.getTime() ?? null,
      lastOutcome:
        schedule.lastOutcome === "SUCCESS" || schedule.lastOutcome === "FAILURE"
          ? schedule.lastOutcome
          : null,
      lastError: schedule.lastError,
      lastBytes: schedule.lastBytes === null ? null : Number(schedule.lastBytes),
    },
  };
}
