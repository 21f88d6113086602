import { BerthError } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { toHostView, type HostView } from "./host-view";

export async function getHost(user: SessionUser, hostId: string): Promise<HostView> {
  const { host, role } = await requireHostPermission(user, hostId, "host.read");
  if (host.revokedAt) throw new BerthError("NOT_FOUND", "No such host.");
  return toHostView(host, getAgentHub().status(host.id), role);
}
