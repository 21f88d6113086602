import type { CommandHandler } from "./command-types";

/** Sends a signal (SIGKILL without one). */
export const containerKill: CommandHandler<"container.kill"> = async (
  { id, signal },
  { docker },
) => {
  await docker.getContainer(id).kill(signal ? { signal } : {});
  return { ok: true };
};
