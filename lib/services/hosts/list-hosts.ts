import { db } from "@/lib/db";
import { includeUserGrants, roleFromIncludedGrants, visibleHostsWhere } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { toHostView, type HostView } from "./host-view";

/** The hosts this user may see, filtered in the query, with their live state. */
export async function listHosts(user: SessionUser): Promise<HostView[]> {
  const hub = getAgentHub();
  const hosts = await db.host.findMany({
    where: { ...visibleHostsWhere(user), revokedAt: null },
    orderBy: { name: "asc" },
    include: includeUserGrants(user),
  });
  return hosts.map((host) =>
    toHostView(host, hub.status(host.id), roleFromIncludedGrants(user, host)),
  );
}
