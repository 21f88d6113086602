import type { CommandHandler } from "./command-types";

type PruneResult = {
  ImagesDeleted?: Array<{ Untagged?: string; Deleted?: string }> | null;
  SpaceReclaimed?: number;
};

/** `docker image prune [-a]`: dangling images, or every image no container uses. */
export const imagePrune: CommandHandler<"image.prune"> = async ({ all }, { docker }) => {
  const result = (await docker.pruneImages({
    filters: { dangling: [all ? "false" : "true"] },
  })) as PruneResult;
  return {
    deleted: (result.ImagesDeleted ?? []).flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
    spaceReclaimed: result.SpaceReclaimed ?? 0,
  };
};
