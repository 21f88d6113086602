import { db, type AutoUpdatePolicy } from "@/lib/db";
import { CronJobScheduler, wakeCronJobs } from "@/lib/server/cron-job-scheduler";
import { nextRunOf } from "@/lib/services/volumes/cron-schedule";
import { runAutoUpdatePolicy } from "./run-auto-update-policy";

const KEY = Symbol.for("berth.autoUpdateScheduler");

/** A policy was saved or removed: the timer re-reads them now. */
export function autoUpdatesChanged(): void {
  wakeCronJobs(KEY);
}

/** Runs the enabled auto-update policies (one timer in the server process). */
export class AutoUpdateScheduler extends CronJobScheduler<AutoUpdatePolicy> {
  constructor() {
    super({
      name: "auto-update policies",
      key: KEY,
      due: (now) =>
        db.autoUpdatePolicy.findMany({ where: { enabled: true, nextRunAt: { lte: now } } }),
      claim: async (policy, now) =>
        (
          await db.autoUpdatePolicy.updateMany({
            where: { id: policy.id, nextRunAt: policy.nextRunAt },
            data: { nextRunAt: nextRunOf(policy.cron, now) },
          })
        ).count === 1,
      soonest: async () =>
        (
          await db.autoUpdatePolicy.findFirst({
            where: { enabled: true },
            orderBy: { nextRunAt: "asc" },
            select: { nextRunAt: true },
          })
        )?.nextRunAt ?? null,
      run: runAutoUpdatePolicy,
    });
  }
}
