import { db } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

/**
 * Revokes a host's agent key: its agent is disconnected at once and refused from then on. The
 * host, its grants and history stay; a new key comes with re-enrolment.
 */
export async function revokeAgentKey(
  user: SessionUser,
  hostId: string,
  clientAddress?: string,
): Promise<void> {
  await audited(
    { actor: user, action: "host.agent-key.revoke", hostId, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "host.manage");
      await db.host.update({ where: { id: hostId }, data: { keyHash: null } });
      getAgentHub().disconnectHost(hostId, "This host's agent key was revoked.");
    },
  );
}
