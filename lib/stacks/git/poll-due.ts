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

export interface GitPollState {
  /** Seconds between polls; null when only the webhook redeploys the stack. */
  pollSeconds: number | null;
  /** When the stack's remote was last asked for its commit; null when never. */
  lastPolledAt: Date | null;
}

/**
 * Whether a git stack should be polled now. The server's periodic work calls this for every git
 * stack each tick and runs `lsRemote` for those due: a stack never polled is due at once, a late
 * tick polls at once. A `lastPolledAt` in the future (the clock was set back) counts as "just
 * polled", so polling resumes one interval later instead of stopping until that date.
 */
export function isGitPollDue(state: GitPollState, now: Date = new Date()): boolean {
  if (state.pollSeconds === null) return false;
  if (state.lastPolledAt === null) return true;
  const last = Math.min(state.lastPolledAt.getTime(), now.getTime());
  return now.getTime() - last >= state.pollSeconds * 1000;
}
