import type { CommandHandler } from "./command-types";

export const containerUnpause: CommandHandler<"container.unpause"> = async ({ id }, { docker }) => {
  await docker.getContainer(id).unpause();
  return { ok: true };
};
