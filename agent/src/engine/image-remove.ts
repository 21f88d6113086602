import type { CommandHandler } from "./command-types";

type Removed = { Untagged?: string; Deleted?: string };

/** `docker rmi`: untags the name given (or removes the image given by id). */
export const imageRemove: CommandHandler<"image.remove"> = async (
  { id, force, noPrune },
  { docker },
) => {
  const result = (await docker.getImage(id).remove({ force, noprune: noPrune })) as Removed[];
  return {
    untagged: result.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
    deleted: result.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
  };
};
