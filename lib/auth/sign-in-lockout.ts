/**
 * How a locked sign-in is reported: next-auth carries the error code "TooManyAttempts:<minutes>"
 * from the credentials provider to its client, the route answers it with HTTP 429, and the login
 * form puts it in words.
 */
const LOCKOUT = /^TooManyAttempts:(\d+)$/;

export function lockoutCode(retryAfterSeconds: number): string {
  return `TooManyAttempts:${Math.max(1, Math.ceil(retryAfterSeconds / 60))}`;
}

/** The minutes to wait that a lockout code names; null for any other error. */
export function lockoutMinutes(error: string | null | undefined): number | null {
  const match = LOCKOUT.exec(error ?? "");
  return match ? Number(match[1]) : null;
}

export function describeLockout(minutes: number): string {
  return `Too many attempts, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
