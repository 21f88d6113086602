import { z } from "zod";
import { ContainerStateSchema } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { sortRows } from "@/lib/lists/sort-rows";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";
import type { ContainerRow } from "./container-row";

export const ContainerQuerySchema = z.object({
  host: z.string().max(100).optional(),
  state: ContainerStateSchema.optional(),
  q: z.string().max(200).optional(),
  image: z.string().max(200).optional(),
  label: z.string().max(400).optional(),
  sort: z.enum(["name", "host", "image", "state", "created", "cpu", "memory"]).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ContainerQuery = z.infer<typeof ContainerQuerySchema>;

export type ContainerPage = {
  total: number;
  items: ContainerRow[];
  hosts: Array<{ id: string; name: string; online: boolean }>;
};

const SORT_KEYS: Record<ContainerQuery["sort"], (r: ContainerRow) => string | number> = {
  name: (r) => r.name.toLowerCase(),
  host: (r) => r.hostName.toLowerCase(),
  image: (r) => r.image.toLowerCase(),
  state: (r) => r.state,
  created: (r) => r.createdAt,
  cpu: (r) => r.cpuPercent ?? -1,
  memory: (r) => r.memoryBytes ?? -1,
};

function matchesLabel(labels: Record<string, string>, filter: string): boolean {
  const eq = filter.indexOf("=");
  if (eq < 0) return filter in labels;
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

/**
 * One page of the fleet's containers: only hosts the user may see (from a filtered query), then
 * filtered, sorted and paged here from the hub's live cache, so no engine is asked.
 */
export async function listContainers(
  user: SessionUser,
  query: ContainerQuery,
): Promise<ContainerPage> {
  const hub = getAgentHub();
  const hosts = await listHostAccess(user);
  const q = query.q?.toLowerCase();
  const image = query.image?.toLowerCase();
  const rows: ContainerRow[] = [];
  for (const host of hosts) {
    if (query.host && host.id !== query.host) continue;
    const hostOnline = hub.isOnline(host.id);
    for (const c of hub.containers.list(host.id)) {
      if (query.state && c.state !== query.state) continue;
      if (q && !c.name.toLowerCase().includes(q) && !c.id.startsWith(q)) continue;
      if (image && !c.image.toLowerCase().includes(image)) continue;
      if (query.label && !matchesLabel(c.labels, query.label)) continue;
      // the security digest is for the fleet security page; list rows stay small
      const { security: _digest, ...summary } = c;
      rows.push({
        ...summary,
        hostId: host.id,
        hostName: host.name,
        hostOnline,
        hostAddress: host.address,
        role: host.role,
      });
    }
  }
  sortRows(rows, SORT_KEYS[query.sort], query.dir);
  return {
    total: rows.length,
    items: rows.slice(query.offset, query.offset + query.limit),
    hosts: hosts.map((h) => ({ id: h.id, name: h.name, online: hub.isOnline(h.id) })),
  };
}
