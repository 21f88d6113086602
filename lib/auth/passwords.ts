import { hash, verify } from "@node-rs/argon2";

export const MIN_PASSWORD_LENGTH = 10;

/** argon2id (algorithm 2) with the library's defaults: 19 MiB, 2 passes, as OWASP recommends. */
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

/**
 * A fixed argon2id hash made with the same parameters as real ones. Unknown accounts are checked
 * against it, so they cost exactly the time a wrong password costs for a real account.
 */
export const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$S+eAlxVRliXtkijC6dYj5w$35EaypkDj72qUzbVFph4T+p+wBibWsSdUO7qSgz9kpk";

/** Spends the same effort as a real check, so unknown accounts cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  await verify(DUMMY_PASSWORD_HASH, password);
}
