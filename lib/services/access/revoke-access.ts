import { db } from "@/lib/db";
import { requireRoleWithin } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { granteeLabel, groupLabel } from "@/lib/services/audit/audit-labels";
import { requireGrantAuthority } from "./grant-scope";
import { accessChanged } from "@/lib/hub/access-signal";

/** Removes a grant; only someone who may manage access on its scope, and not above their role. */
export async function revokeAccess(
  actor: SessionUser,
  grantId: string,
  clientAddress?: string,
): Promise<void> {
  const grant = await db.hostAccess.findUnique({ where: { id: grantId } });
  await audited(
    {
      actor,
      action: "access.revoke",
      hostId: grant?.hostId ?? null,
      target: !grant
        ? grantId
        : grant.groupId
          ? `${await groupLabel(grant.groupId)}: ${await granteeLabel(grant)}`
          : await granteeLabel(grant),
      params: grant
        ? {
            role: grant.role,
            ...(grant.hostId ? { hostId: grant.hostId } : { groupId: grant.groupId }),
            ...(grant.teamId ? { teamId: grant.teamId } : { userId: grant.userId }),
          }
        : undefined,
      clientAddress,
    },
    async () => {
      if (!grant) throw new BerthError("NOT_FOUND", "No such grant.");
      const scope = grant.hostId ? { hostId: grant.hostId } : { groupId: grant.groupId! };
      const own = await requireGrantAuthority(actor, scope).catch((err: unknown) => {
        // A grant on a host or group the caller cannot see does not exist for them.
        if (err instanceof BerthError && err.code === "NOT_FOUND") {
          throw new BerthError("NOT_FOUND", "No such grant.");
        }
        throw err;
      });
      requireRoleWithin(own, grant.role);
      await db.hostAccess.delete({ where: { id: grantId } });
      accessChanged(grant.userId);
    },
  );
}
