import { db } from "@/lib/db";
import { requestGitRedeploy } from "./request-git-redeploy";

/**
 * Polls git stacks from one timer in the server process: every tick it takes the stacks whose
 * nextPollAt has come, claims each by moving nextPollAt on one interval with a conditional update
 * (so of several server processes only the one whose update lands polls it), and asks the remote
 * for the branch's commit; a new commit is fetched and redeployed (redeploy-git-stack.ts).
 */
export class GitPollScheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly tickMs: number) {}

  start(): void {
    this.sleep(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private sleep(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const now = new Date();
      const due = await db.stack.findMany({
        where: {
          source: "git",
          pollSeconds: { not: null },
          OR: [{ nextPollAt: null }, { nextPollAt: { lte: now } }],
        },
        select: { id: true, nextPollAt: true, pollSeconds: true },
      });
      for (const stack of due) {
        const claimed = await db.stack.updateMany({
          where: { id: stack.id, nextPollAt: stack.nextPollAt },
          data: { nextPollAt: new Date(now.getTime() + (stack.pollSeconds ?? 0) * 1000) },
        });
        if (claimed.count === 1) void requestGitRedeploy(stack.id, "poll");
      }
    } catch (err) {
      console.error("git stack polls:", err instanceof Error ? err.message : err);
    }
    this.sleep(this.tickMs);
  }
}
