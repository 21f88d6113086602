import { db, type VolumeBackupSchedule } from "@/lib/db";
import { readServerConfig } from "@/lib/server/config";
import { CronJobScheduler, wakeCronJobs } from "@/lib/server/cron-job-scheduler";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { getEffectivePolicy } from "@/lib/services/policy/get-effective-policy";
import { nextRunOf } from "./cron-schedule";
import { backUpToServer } from "./store-volume-backup";

const KEY = Symbol.for("berth.backupScheduler");

/** A schedule was set or removed: the timer re-reads them now. */
export function backupSchedulesChanged(): void {
  wakeCronJobs(KEY);
}

/** Runs the volumes' scheduled backups (one timer in the server process). */
export class BackupScheduler extends CronJobScheduler<VolumeBackupSchedule> {
  constructor() {
    super({
      name: "backup schedules",
      key: KEY,
      due: (now) => db.volumeBackupSchedule.findMany({ where: { nextRunAt: { lte: now } } }),
      claim: async (schedule, now) =>
        (
          await db.volumeBackupSchedule.updateMany({
            where: { id: schedule.id, nextRunAt: schedule.nextRunAt },
            data: { nextRunAt: nextRunOf(schedule.cron, now) },
          })
        ).count === 1,
      soonest: async () =>
        (
          await db.volumeBackupSchedule.findFirst({
            orderBy: { nextRunAt: "asc" },
            select: { nextRunAt: true },
          })
        )?.nextRunAt ?? null,
      run: runScheduledBackup,
    });
  }
}

/** One scheduled backup: stored with the schedule's retention, audited, its result kept. */
async function runScheduledBackup(schedule: VolumeBackupSchedule): Promise<void> {
  const { hostId, volume } = schedule;
  const audit = {
    actor: { label: `backup schedule (set by ${schedule.createdBy})` },
    action: "volume.backup",
    hostId,
    target: volume,
    params: { to: "server", schedule: schedule.cron, retention: schedule.retention },
  };
  try {
    const policy = await getEffectivePolicy(hostId);
    const helper = {
      helperImage: readServerConfig().helperImage,
      allowProtectedPaths: policy.allowProtectedPaths,
    };
    const stored = await backUpToServer(hostId, volume, helper, schedule.retention);
    await db.volumeBackupSchedule.updateMany({
      where: { id: schedule.id },
      data: {
        lastRunAt: new Date(),
        lastOutcome: "SUCCESS",
        lastError: null,
        lastBytes: BigInt(stored.size),
      },
    });
    await recordAudit({ ...audit, outcome: "SUCCESS" });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await db.volumeBackupSchedule
      .updateMany({
        where: { id: schedule.id },
        data: { lastRunAt: new Date(), lastOutcome: "FAILURE", lastError: error },
      })
      .catch(() => undefined);
    await recordAudit({ ...audit, outcome: "FAILURE", error }).catch((e: unknown) =>
      console.error("backup schedule audit:", e),
    );
  }
}
