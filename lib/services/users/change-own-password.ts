import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError, type ChangeOwnPassword } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { accessChanged } from "@/lib/hub/access-signal";

/**
 * A signed-in user changes their password; the current one is required. Their other sessions
 * end; the one they changed it from (signed in at sessionLoginAt) stays, and so do their API
 * tokens, which they manage themselves.
 */
export async function changeOwnPassword(
  actor: SessionUser,
  input: ChangeOwnPassword,
  session: { sessionLoginAt: number },
  clientAddress?: string,
): Promise<void> {
  await audited(
    { actor, action: "user.password.change", target: actor.email, clientAddress },
    async () => {
      const user = await db.user.findUnique({ where: { id: actor.id } });
      if (!user) throw new BerthError("UNAUTHENTICATED", "Sign in to continue.");
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new BerthError(
          "BAD_REQUEST",
          "That is not your current password.",
          "currentPassword",
        );
      }
      if (input.currentPassword === input.newPassword) {
        throw new BerthError(
          "BAD_REQUEST",
          "Choose a password different from the current one.",
          "newPassword",
        );
      }
      await db.user.update({
        where: { id: actor.id },
        data: {
          passwordHash: await hashPassword(input.newPassword),
          credentialsChangedAt: new Date(),
          credentialsKeptLoginAt: new Date(session.sessionLoginAt),
        },
      });
      accessChanged(actor.id);
    },
  );
}
