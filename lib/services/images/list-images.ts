import { z } from "zod";
import type { ImageSummary } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { sortRows } from "@/lib/lists/sort-rows";
import { listAcrossHosts, type FleetPage } from "@/lib/services/hosts/list-across-hosts";

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

export type ImagePage = FleetPage<ImageRow>;

const SORT_KEYS: Record<ImageQuery["sort"], (r: ImageRow) => string | number> = {
  name: (r) => (r.tags[0] ?? "\uffff").toLowerCase(),
  host: (r) => r.hostName.toLowerCase(),
  size: (r) => r.size,
  created: (r) => r.createdAt,
};

/** Whether an image passes the query's filters; `q` is the search text in lower case. */
function passes(image: ImageSummary, query: ImageQuery, q: string | undefined): boolean {
  if (query.dangling === "only" && !image.dangling) return false;
  if (query.dangling === "hide" && image.dangling) return false;
  if (query.unused === "only" && image.containers.length > 0) return false;
  return !q || image.tags.some((t) => t.toLowerCase().includes(q)) || image.id.includes(q);
}

/**
 * Images of every host the user may read (or one host), asked of the agents at once. A host that
 * is offline or fails is listed with why, and its images are left out.
 */
export async function listImages(user: SessionUser, query: ImageQuery): Promise<ImagePage> {
  const q = query.q?.toLowerCase();
  const page = await listAcrossHosts(
    user,
    { host: query.host, permission: "image.read" },
    async (host) => {
      const { images } = await getAgentHub().call(host.id, "image.list", {});
      return images
        .filter((image) => passes(image, query, q))
        .map((image) => ({ ...image, hostId: host.id, hostName: host.name, role: host.role }));
    },
  );
  sortRows(page.items, SORT_KEYS[query.sort], query.dir);
  return page;
}
