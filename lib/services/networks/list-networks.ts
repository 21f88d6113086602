import { z } from "zod";
import type { NetworkSummary } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { sortRows } from "@/lib/lists/sort-rows";
import { listAcrossHosts, type FleetPage } from "@/lib/services/hosts/list-across-hosts";

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

export type NetworkPage = FleetPage<NetworkRow>;

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
  const q = query.q?.trim().toLowerCase();
  const page = await listAcrossHosts(
    user,
    { host: query.host, permission: "network.read" },
    async (host) => {
      const { networks } = await getAgentHub().call(host.id, "network.list", {});
      return networks
        .filter(
          (network) =>
            (!query.driver || network.driver === query.driver) &&
            (!q || network.name.toLowerCase().includes(q) || network.id.startsWith(q)),
        )
        .map((network) => ({ ...network, hostId: host.id, hostName: host.name, role: host.role }));
    },
  );
  sortRows(page.items, SORT_KEYS[query.sort], query.dir);
  return page;
}
