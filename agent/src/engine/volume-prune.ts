import type { CommandHandler } from "./command-types";

type PruneResult = { VolumesDeleted?: string[] | null; SpaceReclaimed?: number };

/** From API 1.42 the engine prunes only anonymous volumes unless asked for all. */
const ALL_FILTER_FROM = [1, 42];

function atLeast(version: string, [major, minor]: number[]): boolean {
  const [a = 0, b = 0] = version.split(".").map(Number);
  return a > major! || (a === major && b >= minor!);
}

/** `docker volume prune --all`: every volume no container (running or not) uses. */
export const volumePrune: CommandHandler<"volume.prune"> = async (_params, { docker }) => {
  const { ApiVersion } = (await docker.version()) as { ApiVersion?: string };
  const result = (await docker.pruneVolumes(
    atLeast(ApiVersion ?? "1.41", ALL_FILTER_FROM) ? { filters: { all: ["true"] } } : {},
  )) as PruneResult;
  return { deleted: result.VolumesDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
};
