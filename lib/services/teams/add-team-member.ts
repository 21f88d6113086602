import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError, type TeamMember } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { teamLabel, userLabel } from "@/lib/services/audit/audit-labels";
import { accessChanged } from "@/lib/hub/access-signal";

export async function addTeamMember(
  actor: SessionUser,
  teamId: string,
  input: TeamMember,
  clientAddress?: string,
): Promise<void> {
  await audited(
    {
      actor,
      action: "team.member.add",
      target: `${await teamLabel(teamId)}: ${await userLabel(input.userId)}`,
      params: { teamId, ...input },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(actor, "teams.manage");
      const [team, user] = await Promise.all([
        db.team.count({ where: { id: teamId } }),
        db.user.count({ where: { id: input.userId } }),
      ]);
      if (!team) throw new BerthError("NOT_FOUND", "No such team.");
      if (!user) throw new BerthError("NOT_FOUND", "No such user.", "userId");
      await db.teamMember.upsert({
        where: { teamId_userId: { teamId, userId: input.userId } },
        create: { teamId, userId: input.userId },
        update: {},
      });
      accessChanged(input.userId);
    },
  );
}
