import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import type { SetPassword } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { userLabel } from "@/lib/services/audit/audit-labels";
import { findUserOr404 } from "./user-errors";

/** An administrator sets a new password for a user; open reset links for them stop working. */
export async function setUserPassword(
  actor: SessionUser,
  userId: string,
  input: SetPassword,
  clientAddress?: string,
): Promise<void> {
  await audited(
    { actor, action: "user.password.set", target: await userLabel(userId), clientAddress },
    async () => {
      requireGlobalPermission(actor, "users.manage");
      await findUserOr404(userId);
      const passwordHash = await hashPassword(input.password);
      await db.$transaction([
        db.user.update({ where: { id: userId }, data: { passwordHash } }),
        db.accountLink.deleteMany({ where: { userId, purpose: "PASSWORD_RESET", usedAt: null } }),
      ]);
    },
  );
}
