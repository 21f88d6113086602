import { isRateLimited, RegistryRateLimitedError } from "@/lib/registries/v2-client";

/** How long a registry's answer is reused (BERTH_IMAGE_CHECK_CACHE_S, default an hour). */
export function imageCheckCacheMs(): number {
  const seconds = Number(process.env.BERTH_IMAGE_CHECK_CACHE_S ?? 3600);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 3_600_000;
}

/**
 * Registry answers per (registry, repository, tag): reused while young enough, never asked twice
 * at once, and after a 429 nothing is asked of that registry until its Retry-After.
 */
export class DigestCache {
  private readonly answers = new Map<string, { digest: string; at: number }>();
  private readonly asking = new Map<string, Promise<string>>();
  private readonly limitedUntil = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The digest for the tag: a cached answer no older than `maxAgeMs` (and the cache's life), the
   * answer of a question already under way, or a new one from `ask`.
   */
  async digest(
    registry: string,
    repository: string,
    tag: string,
    maxAgeMs: number,
    ask: () => Promise<string>,
  ): Promise<string> {
    const key = `${registry}/${repository}:${tag}`;
    const cached = this.answers.get(key);
    if (cached && this.now() - cached.at <= Math.min(maxAgeMs, this.ttlMs)) return cached.digest;
    const pending = this.asking.get(key);
    if (pending) return pending;
    const until = this.limitedUntil.get(registry);
    if (until !== undefined && until > this.now()) throw new RegistryRateLimitedError(until);
    const question = ask().then(
      (digest) => {
        this.answers.set(key, { digest, at: this.now() });
        return digest;
      },
      (err: unknown) => {
        if (isRateLimited(err)) this.limitedUntil.set(registry, err.retryAt);
        throw err;
      },
    );
    this.asking.set(key, question);
    try {
      return await question;
    } finally {
      this.asking.delete(key);
    }
  }
}

const KEY = Symbol.for("berth.imageDigestCache");

/** The process's one cache (the app and the custom server are separate bundles). */
export function digestCache(): DigestCache {
  const g = globalThis as { [KEY]?: DigestCache };
  g[KEY] ??= new DigestCache(imageCheckCacheMs());
  return g[KEY];
}
