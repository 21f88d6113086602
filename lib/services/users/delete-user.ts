import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { userLabel } from "@/lib/services/audit/audit-labels";
import { findUserOr404, requireAnotherActiveAdmin } from "./user-errors";
import { accessChanged } from "@/lib/hub/access-signal";

/** Deletes a user with their memberships and grants; their audit rows stay, with their email. */
export async function deleteUser(
  actor: SessionUser,
  userId: string,
  clientAddress?: string,
): Promise<void> {
  await audited(
    { actor, action: "user.delete", target: await userLabel(userId), clientAddress },
    async () => {
      requireGlobalPermission(actor, "users.manage");
      if (userId === actor.id) throw new BerthError("CONFLICT", "You cannot delete yourself.");
      const user = await findUserOr404(userId);
      if (user.role === "ADMIN" && !user.disabled) await requireAnotherActiveAdmin(userId);
      await db.user.delete({ where: { id: userId } });
      accessChanged(userId);
    },
  );
}
