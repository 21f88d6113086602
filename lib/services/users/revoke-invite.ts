import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";

/** Withdraws an unused invitation: its link stops working. */
export async function revokeInvite(
  actor: SessionUser,
  inviteId: string,
  clientAddress?: string,
): Promise<void> {
  const invite = await db.accountLink.findUnique({ where: { id: inviteId } });
  await audited(
    {
      actor,
      action: "user.invite.revoke",
      target: invite?.email ?? inviteId,
      params: { inviteId },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(actor, "users.manage");
      const { count } = await db.accountLink.deleteMany({
        where: { id: inviteId, purpose: "INVITE", usedAt: null },
      });
      if (count === 0) throw new BerthError("NOT_FOUND", "No such open invitation.");
    },
  );
}
