import type { CommandHandler } from "./command-types";
import { resolveHostPath } from "../policy/resolve-host-path";
import { volumeDevice } from "../policy/volume-device";

/** What paths and named volumes really are on this host, for the server's policy check. */
export const hostResolvePaths: CommandHandler<"host.resolvePaths"> = async (
  { paths, volumes },
  ctx,
) => {
  const resolved = await Promise.all(
    paths.map(async (p) => ({ path: p, resolved: await resolveHostPath(p) })),
  );
  const devices = await Promise.all(
    [...new Set(volumes)].map(async (name) => {
      const device = await volumeDevice(ctx.docker, name);
      return device === null ? null : { name, device: await resolveHostPath(device) };
    }),
  );
  return {
    paths: resolved,
    volumes: devices.filter((d) => d !== null),
    protectedPaths: (await ctx.protectedPaths?.list()) ?? [],
  };
};
