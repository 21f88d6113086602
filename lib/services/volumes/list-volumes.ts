import { z } from "zod";
import { BerthError, type VolumeSummary } from "@/lib/protocol";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { sortRows } from "@/lib/lists/sort-rows";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";

export const VolumeQuerySchema = z.object({
  host: z.string().max(100).optional(),
  q: z.string().max(200).optional().describe("part of the name, a driver or a label"),
  dangling: z.enum(["only", "hide"]).optional().describe("volumes no container uses"),
  sort: z.enum(["name", "host", "driver", "size", "created"]).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type VolumeQuery = z.infer<typeof VolumeQuerySchema>;

export type VolumeRow = VolumeSummary & {
  /** host and name: unique in the fleet */
  id: string;
  hostId: string;
  hostName: string;
  role: HostRoleName;
};

export type VolumePage = {
  items: VolumeRow[];
  hosts: Array<{ id: string; name: string; online: boolean; error?: string }>;
};

const SORT_KEYS: Record<VolumeQuery["sort"], (r: VolumeRow) => string | number> = {
  name: (r) => r.name.toLowerCase(),
  host: (r) => r.hostName.toLowerCase(),
  driver: (r) => r.driver,
  size: (r) => r.size ?? -1,
  created: (r) => r.createdAt ?? 0,
};

function matches(volume: VolumeSummary, q: string): boolean {
  return (
    volume.name.toLowerCase().includes(q) ||
    volume.driver.toLowerCase().includes(q) ||
    Object.entries(volume.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(q))
  );
}

/**
 * Volumes of every host the user may read (or one host), asked of the agents at once. A host that
 * is offline or fails is listed with why, and its volumes are left out. Sizes are the agents'
 * last measurement (null until one is done: a list never waits for the engine's disk usage).
 */
export async function listVolumes(user: SessionUser, query: VolumeQuery): Promise<VolumePage> {
  const hub = getAgentHub();
  const hosts = (await listHostAccess(user)).filter(
    (h) => (!query.host || h.id === query.host) && roleAllows(h.role, "volume.read"),
  );
  if (query.host && hosts.length === 0) throw new BerthError("NOT_FOUND", "No such host.");
  const q = query.q?.trim().toLowerCase();
  const rows: VolumeRow[] = [];
  const hostStates: VolumePage["hosts"] = await Promise.all(
    hosts.map(async (host) => {
      if (!hub.isOnline(host.id)) return { id: host.id, name: host.name, online: false };
      try {
        const { volumes } = await hub.call(host.id, "volume.list", {});
        for (const volume of volumes) {
          if (query.dangling === "only" && !volume.dangling) continue;
          if (query.dangling === "hide" && volume.dangling) continue;
          if (q && !matches(volume, q)) continue;
          rows.push({
            ...volume,
            id: `${host.id}/${volume.name}`,
            hostId: host.id,
            hostName: host.name,
            role: host.role,
          });
        }
        return { id: host.id, name: host.name, online: true };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        return { id: host.id, name: host.name, online: true, error };
      }
    }),
  );
  sortRows(rows, SORT_KEYS[query.sort], query.dir);
  return { items: rows, hosts: hostStates };
}
