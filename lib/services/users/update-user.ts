import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError, type UpdateUser } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { userLabel } from "@/lib/services/audit/audit-labels";
import { findUserOr404, requireAnotherActiveAdmin } from "./user-errors";
import { accessChanged } from "@/lib/hub/access-signal";

/**
 * Renames, changes the global role of, disables or re-enables a user. A disabled user is refused
 * at once: every request resolves the session against the database.
 */
export async function updateUser(
  actor: SessionUser,
  userId: string,
  input: UpdateUser,
  clientAddress?: string,
): Promise<void> {
  const action =
    input.disabled === true
      ? "user.disable"
      : input.disabled === false
        ? "user.enable"
        : "user.update";
  await audited(
    { actor, action, target: await userLabel(userId), params: input, clientAddress },
    async () => {
      requireGlobalPermission(actor, "users.manage");
      const user = await findUserOr404(userId);
      const losesAdmin =
        user.role === "ADMIN" &&
        !user.disabled &&
        (input.disabled === true || input.role === "USER");
      if (losesAdmin && userId === actor.id) {
        throw new BerthError(
          "CONFLICT",
          "You cannot disable yourself or remove your own administrator role.",
        );
      }
      if (losesAdmin) await requireAnotherActiveAdmin(userId);
      await db.user.update({ where: { id: userId }, data: input });
      accessChanged(userId);
    },
  );
}
