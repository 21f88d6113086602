import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { teamLabel } from "@/lib/services/audit/audit-labels";
import { accessChanged } from "@/lib/hub/access-signal";

/** Deletes a team; its members lose the roles granted to the team (their own grants stay). */
export async function deleteTeam(
  actor: SessionUser,
  teamId: string,
  clientAddress?: string,
): Promise<void> {
  await audited(
    { actor, action: "team.delete", target: await teamLabel(teamId), clientAddress },
    async () => {
      requireGlobalPermission(actor, "teams.manage");
      const { count } = await db.team.deleteMany({ where: { id: teamId } });
      if (count === 0) throw new BerthError("NOT_FOUND", "No such team.");
      accessChanged(null);
    },
  );
}
