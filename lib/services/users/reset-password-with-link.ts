import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import { BerthError, type ResetPasswordWithLink } from "@/lib/protocol";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { recordUnauthenticatedAudit } from "@/lib/services/audit/record-unauthenticated-audit";
import { alreadyUsed, consumeLink, findUsableLink } from "./account-links";
import { accessChanged } from "@/lib/hub/access-signal";

/** Sets a new password with a reset link an administrator issued; the link works once. */
export async function resetPasswordWithLink(
  input: ResetPasswordWithLink,
  clientAddress?: string,
): Promise<{ email: string }> {
  let label = "password reset link";
  try {
    const link = await findUsableLink(input.token, "PASSWORD_RESET");
    label = link.email;
    if (!link.userId) throw new BerthError("NOT_FOUND", "The account no longer exists.");
    const userId = link.userId;
    const passwordHash = await hashPassword(input.password);
    await db.$transaction(async (tx) => {
      if (!(await consumeLink(tx, link.id))) throw alreadyUsed("PASSWORD_RESET");
      await tx.user.update({
        where: { id: userId },
        data: { passwordHash, credentialsChangedAt: new Date(), credentialsKeptLoginAt: null },
      });
      // Whoever held the old password may have made sessions and tokens: they end.
      await tx.apiToken.updateMany({
        where: { userId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    });
    accessChanged(userId);
    await recordAudit({
      actor: { label },
      action: "user.password.reset",
      target: label,
      outcome: "SUCCESS",
      clientAddress,
    });
    return { email: link.email };
  } catch (err) {
    await recordUnauthenticatedAudit({
      actor: { label },
      action: "user.password.reset",
      outcome: "DENIED",
      error: err instanceof Error ? err.message : String(err),
      clientAddress,
    });
    throw err;
  }
}
