import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import type { TeamName } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { isUniqueViolation } from "@/lib/services/users/user-errors";
import { nameTaken } from "./team-errors";

export async function createTeam(
  actor: SessionUser,
  input: TeamName,
  clientAddress?: string,
): Promise<{ id: string }> {
  return audited(
    { actor, action: "team.create", target: `team ${input.name}`, params: input, clientAddress },
    async () => {
      requireGlobalPermission(actor, "teams.manage");
      try {
        return await db.team.create({ data: { name: input.name }, select: { id: true } });
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken("team");
        throw err;
      }
    },
  );
}
