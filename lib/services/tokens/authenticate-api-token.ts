import { db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { API_TOKEN_PREFIX, BerthError } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";

/** Last-used times are written at most this often per token, not on every call. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The user behind a bearer token, with exactly that user's rights as they are now: a revoked
 * or expired token, or a disabled user, gets nothing.
 */
export async function authenticateApiToken(authorization: string | null): Promise<SessionUser> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token?.startsWith(API_TOKEN_PREFIX)) {
    throw new BerthError(
      "UNAUTHENTICATED",
      "Send a personal API token: Authorization: Bearer <token>.",
    );
  }
  const row = await db.apiToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: {
      user: { select: { id: true, email: true, name: true, role: true, disabled: true } },
    },
  });
  const now = Date.now();
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now || row.user.disabled) {
    throw new BerthError(
      "UNAUTHENTICATED",
      "This API token is not valid (unknown, revoked or expired).",
    );
  }
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const { id, email, name, role } = row.user;
  return { id, email, name, role };
}
