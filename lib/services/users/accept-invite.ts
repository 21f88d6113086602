import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import { BerthError, type AcceptInvite } from "@/lib/protocol";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { recordUnauthenticatedAudit } from "@/lib/services/audit/record-unauthenticated-audit";
import { alreadyUsed, consumeLink, findUsableLink } from "./account-links";
import { EMAIL_TAKEN, isUniqueViolation } from "./user-errors";

/** Creates the invited account: the link must be unused, unexpired and for this email. */
export async function acceptInvite(input: AcceptInvite, clientAddress?: string): Promise<void> {
  const audit = {
    actor: { label: input.email },
    action: "user.invite.accept",
    target: input.email,
    clientAddress,
  };
  try {
    const link = await findUsableLink(input.token, "INVITE");
    if (link.email !== input.email) {
      throw new BerthError(
        "BAD_REQUEST",
        "This invitation was issued for a different email address. Use the address your administrator invited.",
        "email",
      );
    }
    const passwordHash = await hashPassword(input.password);
    const user = await db.$transaction(async (tx) => {
      if (!(await consumeLink(tx, link.id))) throw alreadyUsed("INVITE");
      return tx.user.create({
        data: { email: link.email, name: input.name, passwordHash, role: link.role },
      });
    });
    await recordAudit({
      ...audit,
      actor: { id: user.id, email: user.email, name: user.name, role: user.role },
      outcome: "SUCCESS",
      params: { inviteId: link.id, role: link.role },
    });
  } catch (err) {
    const error = isUniqueViolation(err) ? EMAIL_TAKEN() : err;
    await recordUnauthenticatedAudit({
      ...audit,
      outcome: "DENIED",
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
