import type { CommandHandler } from "./command-types";

export const containerPause: CommandHandler<"container.pause"> = async ({ id }, { docker }) => {
  await docker.getContainer(id).pause();
  return { ok: true };
};
