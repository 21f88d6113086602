import { db } from "@/lib/db";
import { requireRoleWithin } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError, type Grant } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { granteeLabel, groupLabel } from "@/lib/services/audit/audit-labels";
import { requireGrantAuthority, type GrantScope } from "./grant-scope";
import { accessChanged } from "@/lib/hub/access-signal";

/**
 * Grants a role on a host or a group to a team or a user, or changes the role of their existing
 * grant there. Nobody grants, raises or lowers a role above their own on that scope.
 */
export async function grantAccess(
  actor: SessionUser,
  scope: GrantScope,
  input: Grant,
  clientAddress?: string,
): Promise<{ id: string }> {
  const grantee = input.teamId ? { teamId: input.teamId } : { userId: input.userId! };
  return audited(
    {
      actor,
      action: "access.grant",
      hostId: "hostId" in scope ? scope.hostId : null,
      // The host column names the host; a group grant names its group here.
      target:
        "hostId" in scope
          ? await granteeLabel(grantee)
          : `${await groupLabel(scope.groupId)}: ${await granteeLabel(grantee)}`,
      params: { ...scope, ...grantee, role: input.role },
      clientAddress,
    },
    async () => {
      const own = await requireGrantAuthority(actor, scope);
      requireRoleWithin(own, input.role);
      const exists = input.teamId
        ? await db.team.count({ where: { id: input.teamId } })
        : await db.user.count({ where: { id: input.userId } });
      if (!exists) {
        throw new BerthError(
          "NOT_FOUND",
          input.teamId ? "No such team." : "No such user.",
          "grantee",
        );
      }
      const where = { ...scope, ...grantee };
      const existing = await db.hostAccess.findFirst({ where, select: { id: true, role: true } });
      if (existing) {
        requireRoleWithin(own, existing.role);
        await db.hostAccess.update({ where: { id: existing.id }, data: { role: input.role } });
        accessChanged(input.userId ?? null);
        return { id: existing.id };
      }
      const created = await db.hostAccess.create({
        data: { ...where, role: input.role },
        select: { id: true },
      });
      accessChanged(input.userId ?? null);
      return created;
    },
  );
}
