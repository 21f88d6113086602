import type Docker from "dockerode";

interface VolumeInspect {
  Driver?: string;
  Options?: Record<string, string> | null;
}

/**
 * The host path a named volume really mounts, or null: a `local` volume with a `device` option
 * (`-o type=none -o o=bind -o device=/x`, or a block device with a filesystem type) gives the
 * container that path of the host, exactly like a bind. A volume that does not exist yet is
 * created plain by the engine.
 */
export async function volumeDevice(docker: Docker, name: string): Promise<string | null> {
  let volume: VolumeInspect;
  try {
    volume = (await docker.getVolume(name).inspect()) as VolumeInspect;
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) return null;
    throw err;
  }
  const device = volume.Options?.device;
  if ((volume.Driver ?? "local") !== "local" || !device?.startsWith("/")) return null;
  return device;
}
