import { db } from "@/lib/db";
import { randomSecret, sha256Hex } from "@/lib/crypto";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { ENROLLMENT_TTL_MS, type IssuedEnrollment } from "./create-enrollment-token";

/**
 * A one-time token that gives an existing host a new agent key (after a revocation, or to rotate
 * the key). The token is bound to the host, so enrolling with it keeps the host's id and grants.
 */
export async function createReenrollmentToken(
  user: SessionUser,
  hostId: string,
  clientAddress?: string,
): Promise<IssuedEnrollment> {
  return audited(
    { actor: user, action: "host.reenrollment.create", hostId, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "host.manage");
      const token = randomSecret();
      const expiresAt = new Date(Date.now() + ENROLLMENT_TTL_MS);
      await db.enrollmentToken.create({
        data: { tokenHash: sha256Hex(token), hostId, createdById: user.id, expiresAt },
      });
      return { token, expiresAt };
    },
  );
}
