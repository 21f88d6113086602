import { db } from "@/lib/db";

/** 10 failed sign-ins within 15 minutes lock the account, and separately the address. */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

// Advisory lock classes, so an email and an address never share a lock key.
const EMAIL_LOCK = 1;
const ADDRESS_LOCK = 2;

/**
 * Admits one sign-in attempt or refuses it. Under a per-account (and per-address) lock it counts
 * the recent failures and, below the limit, records this attempt as a failure before its password
 * is checked; a successful sign-in clears the account's failures again. So parallel attempts
 * cannot all pass one count: at most LOGIN_MAX_FAILURES are ever checked per window. Returns the
 * seconds until the account or address may try again, or null when this attempt may go on. The
 * failures live in PostgreSQL, so a lockout outlasts a restart and holds on every replica.
 */
export async function admitLoginAttempt(
  email: string,
  address: string | undefined,
): Promise<number | null> {
  return db.$transaction(async (tx) => {
    // Always email first, then address: every transaction takes them in the same order.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EMAIL_LOCK}::int, hashtext(${email}))`;
    if (address) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADDRESS_LOCK}::int, hashtext(${address}))`;
    }
    const since = new Date(Date.now() - LOGIN_WINDOW_MS);
    const scopes = [{ email }, ...(address ? [{ address }] : [])];
    let retryAt = 0;
    for (const scope of scopes) {
      const failures = await tx.loginFailure.findMany({
        where: { ...scope, at: { gt: since } },
        orderBy: { at: "desc" },
        take: LOGIN_MAX_FAILURES,
        select: { at: true },
      });
      const oldest = failures[LOGIN_MAX_FAILURES - 1];
      // Locked until the oldest of the last ten failures leaves the window.
      if (oldest) retryAt = Math.max(retryAt, oldest.at.getTime() + LOGIN_WINDOW_MS);
    }
    if (retryAt > Date.now()) return Math.ceil((retryAt - Date.now()) / 1000);
    await tx.loginFailure.create({ data: { email, address: address ?? null } });
    await tx.loginFailure.deleteMany({ where: { at: { lt: since } } });
    return null;
  });
}
