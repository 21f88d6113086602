import type { CommandHandler } from "./command-types";

/** force: kill a running container first; removeVolumes: also its anonymous volumes. */
export const containerRemove: CommandHandler<"container.remove"> = async (
  { id, force, removeVolumes },
  { docker },
) => {
  await docker.getContainer(id).remove({ force, v: removeVolumes });
  return { ok: true };
};
