/** The timer looks at the jobs at least this often (changes made by other replicas). */
const MAX_SLEEP_MS = 60_000;

type Job = { id: string; nextRunAt: Date };

/** Where a kind of scheduled job is kept: the rows due, the claim, the soonest run, the run. */
export interface CronJobs<Row extends Job> {
  /** for log lines: "backup schedules" */
  name: string;
  /** the scheduler of this process is found here (the app and server are separate bundles) */
  key: symbol;
  due(now: Date): Promise<Row[]>;
  /** moves the row's nextRunAt on if it is still `row.nextRunAt`; true when this process won */
  claim(row: Row, now: Date): Promise<boolean>;
  soonest(): Promise<Date | null>;
  run(row: Row): Promise<void>;
}

type SchedulerGlobal = { [key: symbol]: CronJobScheduler<Job> | undefined };

/** A job was saved or removed: this process's timer for that kind re-reads the jobs now. */
export function wakeCronJobs(key: symbol): void {
  (globalThis as SchedulerGlobal)[key]?.wake();
}

/**
 * Runs scheduled jobs from one timer in the server process, sleeping until the soonest is due. A
 * run is claimed by moving the row's nextRunAt on with a conditional update, so of several
 * processes only the one whose update lands runs it; a job still running here is not started
 * again.
 */
export class CronJobScheduler<Row extends Job> {
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<string>();
  private stopped = false;

  constructor(private readonly jobs: CronJobs<Row>) {}

  start(): void {
    (globalThis as SchedulerGlobal)[this.jobs.key] = this as unknown as CronJobScheduler<Job>;
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
      for (const row of await this.jobs.due(now)) {
        if (this.running.has(row.id)) continue;
        if (await this.jobs.claim(row, now)) void this.run(row);
      }
      const soonest = await this.jobs.soonest();
      if (soonest) delay = Math.max(0, soonest.getTime() - Date.now());
    } catch (err) {
      console.error(`${this.jobs.name}:`, err instanceof Error ? err.message : err);
    }
    this.sleep(Math.min(delay, MAX_SLEEP_MS));
  }

  private async run(row: Row): Promise<void> {
    this.running.add(row.id);
    try {
      await this.jobs.run(row);
    } catch (err) {
      console.error(`${this.jobs.name} run:`, err instanceof Error ? err.message : err);
    } finally {
      this.running.delete(row.id);
    }
  }
}
