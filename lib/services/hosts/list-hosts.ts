import { db } from "@/lib/db";
import { visibleHostsWhere } from "@/lib/auth/guard";
import { strongestRole } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { parseEngineInfo, type HostView } from "./host-view";

/** The hosts this user may see, filtered in the query, with their live state. */
export async function listHosts(user: SessionUser): Promise<HostView[]> {
  const hub = getAgentHub();
  const hosts = await db.host.findMany({
    where: { ...visibleHostsWhere(user), revokedAt: null },
    orderBy: { name: "asc" },
    include: {
      access: {
        where: { OR: [{ userId: user.id }, { team: { members: { some: { userId: user.id } } } }] },
        select: { role: true },
      },
    },
  });
  return hosts.map((host) => {
    const status = hub.status(host.id);
    return {
      id: host.id,
      name: host.name,
      hostname: host.hostname,
      online: status.online,
      lastSeenAt: status.lastSeenAt ?? host.lastSeenAt?.getTime() ?? null,
      agentVersion: host.agentVersion,
      engine: parseEngineInfo(host.engineInfo),
      createdAt: host.createdAt.getTime(),
      role:
        user.role === "ADMIN"
          ? "HOST_ADMIN"
          : (strongestRole(host.access.map((a) => a.role)) ?? "VIEWER"),
    };
  });
}
