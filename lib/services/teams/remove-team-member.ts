import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { teamLabel, userLabel } from "@/lib/services/audit/audit-labels";
import { accessChanged } from "@/lib/hub/access-signal";

export async function removeTeamMember(
  actor: SessionUser,
  teamId: string,
  userId: string,
  clientAddress?: string,
): Promise<void> {
  await audited(
    {
      actor,
      action: "team.member.remove",
      target: `${await teamLabel(teamId)}: ${await userLabel(userId)}`,
      params: { teamId, userId },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(actor, "teams.manage");
      const { count } = await db.teamMember.deleteMany({ where: { teamId, userId } });
      if (count === 0) throw new BerthError("NOT_FOUND", "That user is not in this team.");
      accessChanged(userId);
    },
  );
}
