import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import type { HostGroupName } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { nameTaken } from "@/lib/services/teams/team-errors";
import { isUniqueViolation } from "@/lib/services/users/user-errors";

export async function createHostGroup(
  actor: SessionUser,
  input: HostGroupName,
  clientAddress?: string,
): Promise<{ id: string }> {
  return audited(
    {
      actor,
      action: "host-group.create",
      target: `host group ${input.name}`,
      params: input,
      clientAddress,
    },
    async () => {
      requireGlobalPermission(actor, "groups.manage");
      try {
        return await db.hostGroup.create({ data: { name: input.name }, select: { id: true } });
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken("host group");
        throw err;
      }
    },
  );
}
