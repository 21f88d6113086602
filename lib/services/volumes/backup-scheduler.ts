import { db, type VolumeBackupSchedule } from "@/lib/db";
import { readServerConfig } from "@/lib/server/config";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { getEffectivePolicy } from "@/lib/services/policy/get-effective-policy";
import { nextRunOf } from "./cron-schedule";
import { backUpToServer } from "./store-volume-backup";

/** The timer looks at the schedules at least this often (changes made by other replicas). */
const MAX_SLEEP_MS = 60_000;

const KEY = Symbol.for("berth.backupScheduler");
type SchedulerGlobal = { [KEY]?: BackupScheduler };

/** A schedule was set or removed: the timer re-reads them now (the app and server are separate bundles). */
export function backupSchedulesChanged(): void {
  (globalThis as SchedulerGlobal)[KEY]?.wake();
}

/**
 * Runs the volumes' scheduled backups from one timer in the server process, sleeping until the
 * soonest one is due. A run is claimed by moving the schedule's nextRunAt on with a conditional
 * update, so of several processes only the one whose update lands runs it.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<string>();
  private stopped = false;

  start(): void {
    (globalThis as SchedulerGlobal)[KEY] = this;
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  wake(): void {
    this.sleep(0);
  }

  private sleep(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let delay = MAX_SLEEP_MS;
    try {
      const now = new Date();
      const due = await db.volumeBackupSchedule.findMany({ where: { nextRunAt: { lte: now } } });
      for (const schedule of due) {
        if (this.running.has(schedule.id)) continue;
        const claimed = await db.volumeBackupSchedule.updateMany({
          where: { id: schedule.id, nextRunAt: schedule.nextRunAt },
          data: { nextRunAt: nextRunOf(schedule.cron, now) },
        });
        if (claimed.count === 1) void this.run(schedule);
      }
      const soonest = await db.volumeBackupSchedule.findFirst({
        orderBy: { nextRunAt: "asc" },
        select: { nextRunAt: true },
      });
      if (soonest) delay = Math.max(0, soonest.nextRunAt.getTime() - Date.now());
    } catch (err) {
      console.error("backup schedules:", err instanceof Error ? err.message : err);
    }
    this.sleep(Math.min(delay, MAX_SLEEP_MS));
  }

  private async run(schedule: VolumeBackupSchedule): Promise<void> {
    this.running.add(schedule.id);
    try {
      await runScheduledBackup(schedule);
    } finally {
      this.running.delete(schedule.id);
    }
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
