import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { groupLabel } from "@/lib/services/audit/audit-labels";
import { accessChanged } from "@/lib/hub/access-signal";

/** Deletes a group and the roles granted on it; its hosts stay. */
export async function deleteHostGroup(
  actor: SessionUser,
  groupId: string,
  clientAddress?: string,
): Promise<void> {
  await audited(
    { actor, action: "host-group.delete", target: await groupLabel(groupId), clientAddress },
    async () => {
      requireGlobalPermission(actor, "groups.manage");
      const { count } = await db.hostGroup.deleteMany({ where: { id: groupId } });
      if (count === 0) throw new BerthError("NOT_FOUND", "No such host group.");
      accessChanged(null);
    },
  );
}
