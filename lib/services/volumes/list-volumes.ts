import { z } from "zod";
import type { VolumeSummary } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { sortRows } from "@/lib/lists/sort-rows";
import { listAcrossHosts, type FleetPage } from "@/lib/services/hosts/list-across-hosts";

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

export type VolumePage = FleetPage<VolumeRow>;

const SORT_KEYS: Record<VolumeQuery["sort"], (r: VolumeRow) => string | number> = {
  name: (r) => r.name.toLowerCase(),
  host: (r) => r.hostName.toLowerCase(),
  driver: (r) => r.driver,
  size: (r) => r.size ?? -1,
  created: (r) => r.createdAt ?? 0,
};

/** Whether a volume passes the query's filters; `q` is the search text in lower case. */
function passes(volume: VolumeSummary, query: VolumeQuery, q: string | undefined): boolean {
  if (query.dangling === "only" && !volume.dangling) return false;
  if (query.dangling === "hide" && volume.dangling) return false;
  return (
    !q ||
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
  const q = query.q?.trim().toLowerCase();
  const page = await listAcrossHosts(
    user,
    { host: query.host, permission: "volume.read" },
    async (host) => {
      const { volumes } = await getAgentHub().call(host.id, "volume.list", {});
      return volumes
        .filter((volume) => passes(volume, query, q))
        .map((volume) => ({
          ...volume,
          id: `${host.id}/${volume.name}`,
          hostId: host.id,
          hostName: host.name,
          role: host.role,
        }));
    },
  );
  sortRows(page.items, SORT_KEYS[query.sort], query.dir);
  return page;
}
