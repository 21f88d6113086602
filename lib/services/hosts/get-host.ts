import { db } from "@/lib/db";
import { BerthError } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { parseEngineInfo, type HostView } from "./host-view";

export async function getHost(user: SessionUser, hostId: string): Promise<HostView> {
  const role = await requireHostPermission(user, hostId, "host.read");
  const host = await db.host.findUnique({ where: { id: hostId } });
  if (!host || host.revokedAt) throw new BerthError("NOT_FOUND", "No such host.");
  const status = getAgentHub().status(host.id);
  return {
    id: host.id,
    name: host.name,
    hostname: host.hostname,
    online: status.online,
    lastSeenAt: status.lastSeenAt ?? host.lastSeenAt?.getTime() ?? null,
    agentVersion: host.agentVersion,
    engine: parseEngineInfo(host.engineInfo),
    createdAt: host.createdAt.getTime(),
    role,
  };
}
