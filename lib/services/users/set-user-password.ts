import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import type { SetPassword } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { userLabel } from "@/lib/services/audit/audit-labels";
import { findUserOr404 } from "./user-errors";
import { accessChanged } from "@/lib/hub/access-signal";

/**
 * An administrator sets a new password for a user: open reset links, the user's sessions and
 * API tokens stop working (whoever held the old password may have made them).
 */
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
        db.user.update({
          where: { id: userId },
          data: { passwordHash, credentialsChangedAt: new Date(), credentialsKeptLoginAt: null },
        }),
        db.accountLink.deleteMany({ where: { userId, purpose: "PASSWORD_RESET", usedAt: null } }),
        db.apiToken.updateMany({
          where: { userId, revokedAt: null },
          data: { revokedAt: new Date() },
        }),
      ]);
      accessChanged(userId);
    },
  );
}
