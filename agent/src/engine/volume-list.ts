import type { EngineVolume } from "../volumes/volume-summary";
import { toVolumeSummary, volumeUsers } from "../volumes/volume-summary";
import type { CommandHandler } from "./command-types";

/** `docker volume ls` with who uses each volume; sizes as last measured (a new measurement may start). */
export const volumeList: CommandHandler<"volume.list"> = async (_params, ctx) => {
  const [listed, users] = await Promise.all([
    ctx.docker.listVolumes() as Promise<{ Volumes?: EngineVolume[] | null }>,
    volumeUsers(ctx.docker),
  ]);
  ctx.volumeSizes?.refreshIfStale();
  return {
    volumes: (listed.Volumes ?? []).map((v) => toVolumeSummary(v, users, ctx.volumeSizes)),
  };
};
