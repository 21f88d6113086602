import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { userLabel } from "@/lib/services/audit/audit-labels";
import { newLinkToken, PASSWORD_RESET_TTL_MS } from "./account-links";
import type { IssuedLink } from "./create-invite";
import { findUserOr404 } from "./user-errors";

/** A single-use link with which a user sets a new password, valid two hours. */
export async function createPasswordResetLink(
  actor: SessionUser,
  userId: string,
  clientAddress?: string,
): Promise<IssuedLink> {
  return audited(
    { actor, action: "user.password.reset-link", target: await userLabel(userId), clientAddress },
    async () => {
      requireGlobalPermission(actor, "users.manage");
      const user = await findUserOr404(userId);
      const { token, tokenHash } = newLinkToken();
      const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
      const [, link] = await db.$transaction([
        db.accountLink.deleteMany({ where: { userId, purpose: "PASSWORD_RESET", usedAt: null } }),
        db.accountLink.create({
          data: {
            purpose: "PASSWORD_RESET",
            tokenHash,
            email: user.email,
            userId,
            createdById: actor.id,
            expiresAt,
          },
          select: { id: true },
        }),
      ]);
      return { id: link.id, token, expiresAt };
    },
  );
}
