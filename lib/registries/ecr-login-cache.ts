import { createHash } from "node:crypto";
import type { EcrLogin } from "./ecr";

/** A login is used until this long before ECR's expiry, so no pull starts with a dying token. */
export const ECR_LOGIN_MARGIN_MS = 5 * 60_000;

type Entry = { fingerprint: string; login: Promise<EcrLogin> };
type CacheGlobal = typeof globalThis & { [CACHE_KEY]?: Map<string, Entry> };

// The custom server and the Next.js app are separate bundles in one process: one shared map.
const CACHE_KEY = Symbol.for("berth.ecrLogins");

function cache(): Map<string, Entry> {
  const g = globalThis as CacheGlobal;
  g[CACHE_KEY] ??= new Map();
  return g[CACHE_KEY];
}

/** What the login was issued for: a change of key, secret, region or endpoint needs a new one. */
export function ecrLoginFingerprint(parts: Array<string | null>): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * The cached login of one registry, or a fresh one from `fetch` when there is none, it was
 * issued for other credentials, or it expires within the margin. Concurrent callers share one
 * request; a failed request is not kept.
 */
export async function cachedEcrLogin(
  registryId: string,
  fingerprint: string,
  fetch: () => Promise<EcrLogin>,
  now: () => number = Date.now,
): Promise<EcrLogin> {
  const logins = cache();
  const held = logins.get(registryId);
  if (held && held.fingerprint === fingerprint) {
    const login = await held.login.catch(() => null);
    if (login && login.expiresAt - ECR_LOGIN_MARGIN_MS > now()) return login;
  }
  const entry: Entry = { fingerprint, login: fetch() };
  logins.set(registryId, entry);
  try {
    return await entry.login;
  } catch (err) {
    if (logins.get(registryId) === entry) logins.delete(registryId);
    throw err;
  }
}

/** Keeps a login just obtained for a registry's current credentials (checked when it was saved). */
export function rememberEcrLogin(registryId: string, fingerprint: string, login: EcrLogin): void {
  cache().set(registryId, { fingerprint, login: Promise.resolve(login) });
}

/** Drops a registry's login (it was changed or deleted). */
export function forgetEcrLogin(registryId: string): void {
  cache().delete(registryId);
}
