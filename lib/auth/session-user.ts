import { db } from "@/lib/db";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: "ADMIN" | "USER";
};

/** Claims Berth puts in the session JWT. */
export type SessionClaims = {
  uid?: string;
  loginAt?: number;
};

/**
 * Resolves session claims to a live user. The database is asked every time so that a
 * disabled or deleted user loses access at once, whatever their cookie says.
 */
export async function userFromClaims(
  claims: SessionClaims | null,
  absoluteSeconds: number,
): Promise<SessionUser | null> {
  if (!claims?.uid || typeof claims.loginAt !== "number") return null;
  if (Date.now() - claims.loginAt > absoluteSeconds * 1000) return null;
  return findActiveUser(claims.uid);
}

/** The user as the database has them now; null when deleted or disabled. */
export async function findActiveUser(id: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
