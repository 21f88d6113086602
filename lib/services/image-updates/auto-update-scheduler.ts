import { db, type AutoUpdatePolicy } from "@/lib/db";
import { nextRunOf } from "@/lib/services/volumes/cron-schedule";
import { runAutoUpdatePolicy } from "./run-auto-update-policy";

/** The timer looks at the policies at least this often (changes made by other replicas). */
const MAX_SLEEP_MS = 60_000;

const KEY = Symbol.for("berth.autoUpdateScheduler");
type SchedulerGlobal = { [KEY]?: AutoUpdateScheduler };

/** A policy was saved or removed: the timer re-reads them now (the app and server are separate bundles). */
export function autoUpdatesChanged(): void {
  (globalThis as SchedulerGlobal)[KEY]?.wake();
}

/**
 * Runs the enabled auto-update policies from one timer in the server process, sleeping until the
 * soonest is due. A run is claimed by moving the policy's nextRunAt on with a conditional
 * update, so of several processes only the one whose update lands runs it.
 */
export class AutoUpdateScheduler {
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
      const due = await db.autoUpdatePolicy.findMany({
        where: { enabled: true, nextRunAt: { lte: now } },
      });
      for (const policy of due) {
        if (this.running.has(policy.id)) continue;
        const claimed = await db.autoUpdatePolicy.updateMany({
          where: { id: policy.id, nextRunAt: policy.nextRunAt },
          data: { nextRunAt: nextRunOf(policy.cron, now) },
        });
        if (claimed.count === 1) void this.run(policy);
      }
      const soonest = await db.autoUpdatePolicy.findFirst({
        where: { enabled: true },
        orderBy: { nextRunAt: "asc" },
        select: { nextRunAt: true },
      });
      if (soonest) delay = Math.max(0, soonest.nextRunAt.getTime() - Date.now());
    } catch (err) {
      console.error("auto-update policies:", err instanceof Error ? err.message : err);
    }
    this.sleep(Math.min(delay, MAX_SLEEP_MS));
  }

  private async run(policy: AutoUpdatePolicy): Promise<void> {
    this.running.add(policy.id);
    try {
      await runAutoUpdatePolicy(policy);
    } catch (err) {
      console.error("auto-update run:", err instanceof Error ? err.message : err);
    } finally {
      this.running.delete(policy.id);
    }
  }
}
