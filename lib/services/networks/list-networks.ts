import { z } from "zod";
import { BerthError, type NetworkSummary } from "@/lib/protocol";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { sortRows } from "@/lib/lists/sort-rows";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";

export const NetworkQuerySchema = z.object({
  host: z.string().max(100).optional(),
  /** Part of the name, or the start of the id. */
  q: z.string().max(200).optional(),
  driver: z.string().max(100).optional(),
  sort: z.enum(["name", "host", "driver", "created", "containers"]).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type NetworkQuery = z.infer<typeof NetworkQuerySchema>;

export type NetworkRow = NetworkSummary & { hostId: string; hostName: string; role: HostRoleName };

export type NetworkPage = {
  items: NetworkRow[];
  hosts: Array<{ id: string; name: string; online: boolean; error?: string }>;
};

const SORT_KEYS: Record<NetworkQuery["sort"], (r: NetworkRow) => string | number> = {
  name: (r) => r.name.toLowerCase(),
  host: (r) => r.hostName.toLowerCase(),
  driver: (r) => r.driver,
  created: (r) => r.createdAt,
  containers: (r) => r.containers.length,
};

/**
 * Networks of every host the user may read networks on (or one host), asked of the agents at
 * once. A host that is offline or fails is listed with why, and its networks are left out.
 */
export async function listNetworks(user: SessionUser, query: NetworkQuery): Promise<NetworkPage> {
  const hub = getAgentHub();
  const hosts = (await listHostAccess(user)).filter(
    (h) => (!query.host || h.id === query.host) && roleAllows(h.role, "network.read"),
  );
  // one host asked for by id: a host the user cannot see does not exist for them
  if (query.host && hosts.length === 0) throw new BerthError("NOT_FOUND", "No such host.");
  const q = query.q?.trim().toLowerCase();
  const rows: NetworkRow[] = [];
  const hostStates: NetworkPage["hosts"] = await Promise.all(
    hosts.map(async (host) => {
      if (!hub.isOnline(host.id)) return { id: host.id, name: host.name, online: false };
      try {
        const { networks } = await hub.call(host.id, "network.list", {});
        for (const network of networks) {
          if (query.driver && network.driver !== query.driver) continue;
          if (q && !network.name.toLowerCase().includes(q) && !network.id.startsWith(q)) continue;
          rows.push({ ...network, hostId: host.id, hostName: host.name, role: host.role });
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
