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

/** A user who may sign in, with what decides which of their sessions still count. */
export type ActiveAccount = {
  user: SessionUser;
  credentialsChangedAt: number | null;
  keptLoginAt: number | null;
};

/**
 * Resolves session claims to a live user. The database is asked every time so that a
 * disabled or deleted user loses access at once, whatever their cookie says, and a session
 * signed in before the password changed ends.
 */
export async function userFromClaims(
  claims: SessionClaims | null,
  absoluteSeconds: number,
): Promise<SessionUser | null> {
  if (!claims?.uid || typeof claims.loginAt !== "number") return null;
  if (Date.now() - claims.loginAt > absoluteSeconds * 1000) return null;
  const account = await findActiveAccount(claims.uid);
  return account && sessionStands(account, claims.loginAt) ? account.user : null;
}

/**
 * Whether a session signed in at loginAt survived the account's last password change: sessions
 * are signed cookies, so a change cannot delete them, only outdate them. The session that
 * changed its own password is kept.
 */
export function sessionStands(account: ActiveAccount, loginAt: number): boolean {
  const changedAt = account.credentialsChangedAt;
  return changedAt === null || loginAt >= changedAt || loginAt === account.keptLoginAt;
}

/** The account as the database has it now; null when deleted or disabled. */
export async function findActiveAccount(id: string): Promise<ActiveAccount | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      credentialsChangedAt: true,
      credentialsKeptLoginAt: true,
    },
  });
  if (!user || user.disabled) return null;
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    credentialsChangedAt: user.credentialsChangedAt?.getTime() ?? null,
    keptLoginAt: user.credentialsKeptLoginAt?.getTime() ?? null,
  };
}
