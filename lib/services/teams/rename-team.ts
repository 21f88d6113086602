import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError, type TeamName } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { teamLabel } from "@/lib/services/audit/audit-labels";
import { isUniqueViolation } from "@/lib/services/users/user-errors";
import { nameTaken } from "./team-errors";

export async function renameTeam(
  actor: SessionUser,
  teamId: string,
  input: TeamName,
  clientAddress?: string,
): Promise<void> {
  await audited(
    { actor, action: "team.rename", target: await teamLabel(teamId), params: input, clientAddress },
    async () => {
      requireGlobalPermission(actor, "teams.manage");
      try {
        const { count } = await db.team.updateMany({
          where: { id: teamId },
          data: { name: input.name },
        });
        if (count === 0) throw new BerthError("NOT_FOUND", "No such team.");
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken("team");
        throw err;
      }
    },
  );
}
