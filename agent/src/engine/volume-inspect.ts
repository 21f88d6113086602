import { inspectVolume, toVolumeSummary, volumeUsers } from "../volumes/volume-summary";
import type { CommandHandler } from "./command-types";

/** `docker volume inspect`, with the list's summary (users, size). */
export const volumeInspect: CommandHandler<"volume.inspect"> = async ({ name }, ctx) => {
  const [inspect, users] = await Promise.all([
    inspectVolume(ctx.docker, name),
    volumeUsers(ctx.docker),
  ]);
  ctx.volumeSizes?.refreshIfStale();
  return {
    inspect: inspect as unknown as Record<string, unknown>,
    volume: toVolumeSummary(inspect, users, ctx.volumeSizes),
  };
};
