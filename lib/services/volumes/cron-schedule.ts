import { Cron } from "croner";
import { z } from "zod";

/** When a schedule has no run left (a pattern for a date gone by). */
const NEVER = new Date("9999-12-31T00:00:00Z");

function parse(pattern: string): Cron {
  return new Cron(pattern, { paused: true, mode: "5-or-6-parts" });
}

/** A cron expression croner accepts: 5 fields, or 6 with seconds first (server's time zone). */
export const CronSchema = z
  .string()
  .trim()
  .min(1, "Give a cron expression, e.g. 0 3 * * * for 03:00 every day.")
  .max(200)
  .superRefine((pattern, ctx) => {
    try {
      parse(pattern);
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/^CronPattern: /, "") : String(err);
      ctx.addIssue({ code: "custom", message: `Not a cron expression: ${why}` });
    }
  });

/** The schedule's next run after `after`. */
export function nextRunOf(pattern: string, after: Date): Date {
  return parse(pattern).nextRun(after) ?? NEVER;
}
