import { redeployGitStack, type GitTrigger } from "./redeploy-git-stack";

type Run = { again: GitTrigger | null; done: Promise<void> };

/** The runs in progress, on globalThis: the app's routes and the server's poller share them. */
const KEY = Symbol.for("berth.gitRedeploys");
type RunsGlobal = { [KEY]?: Map<string, Run> };

/**
 * Starts an automatic redeploy of a git stack, or folds the request into the one running: a
 * burst of pushes (or a webhook flood) costs one run now and at most one more after it, which
 * looks at the newest commit. Resolves when the stack is settled; never rejects.
 */
export function requestGitRedeploy(stackId: string, trigger: GitTrigger): Promise<void> {
  const global = globalThis as RunsGlobal;
  const runs = (global[KEY] ??= new Map());
  const running = runs.get(stackId);
  if (running) {
    running.again = trigger;
    return running.done;
  }
  const run: Run = { again: null, done: Promise.resolve() };
  run.done = (async () => {
    let next: GitTrigger | null = trigger;
    try {
      while (next) {
        run.again = null;
        await redeployGitStack(stackId, next).catch((err: unknown) =>
          console.error(
            `git stack ${stackId} (${next}):`,
            err instanceof Error ? err.message : err,
          ),
        );
        next = run.again;
      }
    } finally {
      runs.delete(stackId);
    }
  })();
  runs.set(stackId, run);
  return run.done;
}
