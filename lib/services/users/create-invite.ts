import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import type { CreateInvite } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { INVITE_TTL_MS, newLinkToken } from "./account-links";
import { EMAIL_TAKEN } from "./user-errors";

export type IssuedLink = { id: string; token: string; expiresAt: Date };

/**
 * An invitation for one email address, valid for 24 hours and usable once. A new invitation
 * for the same address replaces any still open. Berth sends no mail: the admin passes it on.
 */
export async function createInvite(
  actor: SessionUser,
  input: CreateInvite,
  clientAddress?: string,
): Promise<IssuedLink> {
  return audited(
    {
      actor,
      action: "user.invite.create",
      target: input.email,
      params: { email: input.email, role: input.role },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(actor, "users.manage");
      if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw EMAIL_TAKEN();
      }
      const { token, tokenHash } = newLinkToken();
      const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
      const [, link] = await db.$transaction([
        db.accountLink.deleteMany({
          where: { purpose: "INVITE", email: input.email, usedAt: null },
        }),
        db.accountLink.create({
          data: {
            purpose: "INVITE",
            tokenHash,
            email: input.email,
            role: input.role,
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
