import { db } from "@/lib/db";
import { BerthError } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";

/** Revokes one of the user's own tokens; someone else's token id is unknown to them. */
export async function revokeApiToken(
  user: SessionUser,
  tokenId: string,
  clientAddress?: string,
): Promise<void> {
  await audited(
    { actor: user, action: "api-token.revoke", target: tokenId, clientAddress },
    async () => {
      const revoked = await db.apiToken.updateMany({
        where: { id: tokenId, userId: user.id, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (revoked.count === 0) throw new BerthError("NOT_FOUND", "No such token.");
    },
  );
}
