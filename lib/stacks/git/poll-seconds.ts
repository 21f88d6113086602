import { z } from "zod";

/**
 * Seconds between polls of a git stack, or null for webhook only. At least a minute (a git
 * server is not to be asked every few seconds), at most a day (beyond that, use the webhook).
 */
export const GitPollSecondsSchema = z
  .number()
  .int()
  .min(60, "Poll at most once a minute.")
  .max(86_400, "Poll at least once a day, or use the webhook only.")
  .nullable();
