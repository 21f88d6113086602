import type { CommandHandler } from "./command-types";

/** Stops with the given grace period (the container's own default without one). */
export const containerStop: CommandHandler<"container.stop"> = async (
  { id, timeoutSeconds },
  { docker },
) => {
  try {
    await docker.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode !== 304) throw err; // already stopped
  }
  return { ok: true };
};
