import type Docker from "dockerode";
import { BerthError, HELPER_LABEL, type VolumeSummary } from "@/lib/protocol";
import type { VolumeSizes } from "./volume-sizes";

/** A volume as GET /volumes and GET /volumes/{name} describe it. */
export interface EngineVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  Scope?: string;
}

interface ListedContainer {
  Id: string;
  Names?: string[];
  State?: string;
  Labels?: Record<string, string> | null;
  Mounts?: Array<{ Type?: string; Name?: string }>;
}

export type VolumeUsers = Map<string, VolumeSummary["containers"]>;

/** Which containers (any state; not Berth's helpers) mount each named volume. */
export async function volumeUsers(docker: Docker): Promise<VolumeUsers> {
  const containers = (await docker.listContainers({ all: true })) as unknown as ListedContainer[];
  const users: VolumeUsers = new Map();
  for (const c of containers) {
    if (c.Labels?.[HELPER_LABEL] !== undefined) continue;
    for (const m of c.Mounts ?? []) {
      if (m.Type !== "volume" || !m.Name) continue;
      const list = users.get(m.Name) ?? [];
      list.push({
        id: c.Id,
        name: (c.Names?.[0] ?? c.Id).replace(/^\//, ""),
        running: c.State === "running",
      });
      users.set(m.Name, list);
    }
  }
  return users;
}

export function toVolumeSummary(
  volume: EngineVolume,
  users: VolumeUsers,
  sizes: VolumeSizes | undefined,
): VolumeSummary {
  const measured = sizes?.current();
  const size = measured?.sizes.get(volume.Name);
  const created = volume.CreatedAt ? Date.parse(volume.CreatedAt) : NaN;
  const containers = users.get(volume.Name) ?? [];
  return {
    name: volume.Name,
    driver: volume.Driver ?? "local",
    scope: volume.Scope ?? "local",
    mountpoint: volume.Mountpoint ?? "",
    createdAt: Number.isFinite(created) && created > 0 ? created : null,
    labels: volume.Labels ?? {},
    options: volume.Options ?? {},
    containers,
    dangling: containers.length === 0,
    size: size ?? null,
    sizeAt: size === undefined ? null : (measured?.at ?? null),
  };
}

/** GET /volumes/{name}; a missing volume is NOT_FOUND in words. */
export async function inspectVolume(docker: Docker, name: string): Promise<EngineVolume> {
  try {
    return (await docker.getVolume(name).inspect()) as EngineVolume;
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) {
      throw new BerthError("NOT_FOUND", `No such volume: ${name}.`);
    }
    throw err;
  }
}

/** "a, b (running)" for a message naming who uses a volume. */
export function describeUsers(users: VolumeSummary["containers"]): string {
  return users.map((u) => (u.running ? `${u.name} (running)` : u.name)).join(", ");
}
