import { db } from "@/lib/db";

/**
 * How many failed sign-ins lock what. One address guessing one account is stopped quickly; the
 * account's owner signing in from elsewhere is not affected by it. One address trying many
 * accounts is stopped a little later. Many addresses guessing one account together lock it for
 * everyone, but only at a much slower rate than any one of them could guess alone.
 */
export const LOGIN_LIMITS = {
  /** One account from one address. */
  pair: { failures: 10, windowMs: 15 * 60_000 },
  /** Any accounts from one address. */
  address: { failures: 30, windowMs: 15 * 60_000 },
  /** One account from all addresses. */
  account: { failures: 100, windowMs: 60 * 60_000 },
} as const;

const LONGEST_WINDOW_MS = Math.max(...Object.values(LOGIN_LIMITS).map((l) => l.windowMs));

// Advisory lock classes, so an email and an address never share a lock key.
const EMAIL_LOCK = 1;
const ADDRESS_LOCK = 2;

/**
 * Admits one sign-in attempt or refuses it. Under a per-account (and per-address) lock it counts
 * the recent failures and, below every limit, records this attempt as a failure before its
 * password is checked; a successful sign-in clears that account's failures from that address. So
 * parallel attempts cannot all pass one count. Returns the seconds until the attempt may be made
 * again, or null when it may go on. The failures live in PostgreSQL, so a lockout outlasts a
 * restart and holds on every replica.
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
    const now = Date.now();
    const scopes = [
      { where: { email, address: address ?? null }, limit: LOGIN_LIMITS.pair },
      ...(address ? [{ where: { address }, limit: LOGIN_LIMITS.address }] : []),
      { where: { email }, limit: LOGIN_LIMITS.account },
    ];
    let retryAt = 0;
    for (const { where, limit } of scopes) {
      const failures = await tx.loginFailure.findMany({
        where: { ...where, at: { gt: new Date(now - limit.windowMs) } },
        orderBy: { at: "desc" },
        take: limit.failures,
        select: { at: true },
      });
      const oldest = failures[limit.failures - 1];
      // Locked until the oldest of the last `failures` failures leaves the window.
      if (oldest) retryAt = Math.max(retryAt, oldest.at.getTime() + limit.windowMs);
    }
    if (retryAt > now) return Math.ceil((retryAt - now) / 1000);
    await tx.loginFailure.create({ data: { email, address: address ?? null } });
    await tx.loginFailure.deleteMany({ where: { at: { lt: new Date(now - LONGEST_WINDOW_MS) } } });
    return null;
  });
}
