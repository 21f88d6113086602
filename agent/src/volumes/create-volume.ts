import path from "node:path";
import { BerthError, volumeHostPaths, type VolumeCreate } from "@/lib/protocol";
import { toWireError } from "../engine/engine-errors";
import { refuseProtectedPath } from "../policy/refuse-protected-volume";
import { resolveHostPath } from "../policy/resolve-host-path";
import type { VolumeContext } from "./volume-helper";

/**
 * `docker volume create`, refusing a name already taken (the engine would hand back the existing
 * volume) and, unless the host's policy allows it, a bind-like volume of a path the agent guards.
 * The device arrives resolved by the server's policy check; one that resolves differently now was
 * changed in between and is refused rather than mounted unchecked.
 */
export async function createCheckedVolume(
  ctx: VolumeContext,
  params: VolumeCreate & { allowProtectedPaths: boolean },
): Promise<string> {
  const { name, driver, driverOpts, labels, allowProtectedPaths } = params;
  if (name) {
    const exists = await ctx.docker
      .getVolume(name)
      .inspect()
      .then(
        () => true,
        (err: { statusCode?: unknown }) => {
          if (err.statusCode === 404) return false;
          throw err;
        },
      );
    if (exists) {
      throw new BerthError(
        "CONFLICT",
        `A volume named ${name} already exists on this host.`,
        "name",
      );
    }
  }
  for (const hostPath of volumeHostPaths(driver, driverOpts)) {
    const real = await resolveHostPath(hostPath);
    if (hostPath === driverOpts.device && real !== path.posix.resolve(hostPath)) {
      throw new BerthError(
        "CONFLICT",
        `The host path ${hostPath} changed while it was being checked (it now leads to ${real}); nothing was created. Try again.`,
        "driverOpts.device",
      );
    }
    if (!allowProtectedPaths) {
      await refuseProtectedPath(
        ctx.protectedPaths,
        `A volume bound to ${real} on the host`,
        real,
        "driverOpts.device",
      );
    }
  }
  try {
    const created = (await ctx.docker.createVolume({
      Name: name,
      Driver: driver,
      DriverOpts: driverOpts,
      Labels: labels,
    })) as { name?: string; Name?: string };
    return created.name ?? created.Name ?? name ?? "";
  } catch (err) {
    const wire = toWireError(err, ctx.socketPath);
    if (wire.code === "ENGINE_UNAVAILABLE") throw err;
    const field = /plugin|driver/i.test(wire.message)
      ? "driver"
      : /name/i.test(wire.message)
        ? "name"
        : /opt|mount|device/i.test(wire.message)
          ? "driverOpts"
          : undefined;
    throw new BerthError(
      wire.code === "NOT_FOUND" ? "BAD_REQUEST" : wire.code,
      `The engine refused the volume: ${wire.message}`,
      field,
    );
  }
}
