import { z } from "zod";
import { BerthError, type ImageSummary } from "@/lib/protocol";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { sortRows } from "@/lib/lists/sort-rows";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";

export const ImageQuerySchema = z.object({
  host: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  dangling: z.enum(["only", "hide"]).optional(),
  unused: z.enum(["only"]).optional(),
  sort: z.enum(["name", "host", "size", "created"]).default("created"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});
export type ImageQuery = z.infer<typeof ImageQuerySchema>;

export type ImageRow = ImageSummary & { hostId: string; hostName: string; role: HostRoleName };

export type ImagePage = {
  items: ImageRow[];
  hosts: Array<{ id: string; name: string; online: boolean; error?: string }>;
};

const SORT_KEYS: Record<ImageQuery["sort"], (r: ImageRow) => string | number> = {
  name: (r) => (r.tags[0] ?? "\uffff").toLowerCase(),
  host: (r) => r.hostName.toLowerCase(),
  size: (r) => r.size,
  created: (r) => r.createdAt,
};

/**
 * Images of every host the user may read (or one host), asked of the agents at once. A host that
 * is offline or fails is listed with why, and its images are left out.
 */
export async function listImages(user: SessionUser, query: ImageQuery): Promise<ImagePage> {
  const hub = getAgentHub();
  const hosts = (await listHostAccess(user)).filter(
    (h) => (!query.host || h.id === query.host) && roleAllows(h.role, "image.read"),
  );
  // one host asked for by id: a host the user cannot see does not exist for them
  if (query.host && hosts.length === 0) throw new BerthError("NOT_FOUND", "No such host.");
  const q = query.q?.toLowerCase();
  const rows: ImageRow[] = [];
  const hostStates: ImagePage["hosts"] = await Promise.all(
    hosts.map(async (host) => {
      if (!hub.isOnline(host.id)) return { id: host.id, name: host.name, online: false };
      try {
        const { images } = await hub.call(host.id, "image.list", {});
        for (const image of images) {
          if (query.dangling === "only" && !image.dangling) continue;
          if (query.dangling === "hide" && image.dangling) continue;
          if (query.unused === "only" && image.containers.length > 0) continue;
          if (q && !image.tags.some((t) => t.toLowerCase().includes(q)) && !image.id.includes(q)) {
            continue;
          }
          rows.push({ ...image, hostId: host.id, hostName: host.name, role: host.role });
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
