import { db } from "@/lib/db";

/** 10 failed sign-ins within 15 minutes lock the account, and separately the address. */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * Seconds until the account or address may try again, or null when neither is locked. The
 * failures live in PostgreSQL, so a lockout outlasts a restart and holds on every replica.
 */
export async function checkLoginLockout(
  email: string,
  address: string | undefined,
): Promise<number | null> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const scopes = [{ email }, ...(address ? [{ address }] : [])];
  let retryAt = 0;
  for (const scope of scopes) {
    const failures = await db.loginFailure.findMany({
      where: { ...scope, at: { gt: since } },
      orderBy: { at: "desc" },
      take: LOGIN_MAX_FAILURES,
      select: { at: true },
    });
    const oldest = failures[LOGIN_MAX_FAILURES - 1];
    // Locked until the oldest of the last ten failures leaves the window.
    if (oldest) retryAt = Math.max(retryAt, oldest.at.getTime() + LOGIN_WINDOW_MS);
  }
  return retryAt > Date.now() ? Math.ceil((retryAt - Date.now()) / 1000) : null;
}
