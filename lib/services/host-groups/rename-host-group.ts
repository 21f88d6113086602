import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError, type HostGroupName } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { groupLabel } from "@/lib/services/audit/audit-labels";
import { nameTaken } from "@/lib/services/teams/team-errors";
import { isUniqueViolation } from "@/lib/services/users/user-errors";

export async function renameHostGroup(
  actor: SessionUser,
  groupId: string,
  input: HostGroupName,
  clientAddress?: string,
): Promise<void> {
  await audited(
    {
      actor,
      action: "host-group.rename",
      target: await groupLabel(groupId),
      params: input,
      clientAddress,
    },
    async () => {
      requireGlobalPermission(actor, "groups.manage");
      try {
        const { count } = await db.hostGroup.updateMany({
          where: { id: groupId },
          data: { name: input.name },
        });
        if (count === 0) throw new BerthError("NOT_FOUND", "No such host group.");
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken("host group");
        throw err;
      }
    },
  );
}
