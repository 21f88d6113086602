import type { CommandHandler } from "./command-types";

export const containerRename: CommandHandler<"container.rename"> = async (
  { id, name },
  { docker },
) => {
  await docker.getContainer(id).rename({ name: name.replace(/^\//, "") });
  return { ok: true };
};
