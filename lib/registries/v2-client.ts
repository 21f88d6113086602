import { createHash } from "node:crypto";
import { BerthError } from "@/lib/protocol";

export type RegistryCredentials = { username?: string | null; password?: string | null };

const TIMEOUT_MS = 10_000;
const MAX_PAGE = 1000;
/** A 429 without Retry-After: wait this long before asking that registry again. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Every manifest kind a tag can name: multi-platform indexes and single manifests, OCI and Docker. */
export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

/** The registry answered 429: nothing more may be asked of it before `retryAt` (epoch ms). */
export class RegistryRateLimitedError extends BerthError {
  constructor(readonly retryAt: number) {
    super(
      "ENGINE_ERROR",
      `The registry is rate limiting: rate limited until ${new Date(retryAt).toISOString()}.`,
      undefined,
      { external: true },
    );
  }
}

/** BerthError's instanceof matches every BerthError: a rate limit is known by its retryAt. */
export function isRateLimited(err: unknown): err is RegistryRateLimitedError {
  return err instanceof BerthError && typeof (err as { retryAt?: unknown }).retryAt === "number";
}

/** Retry-After is seconds or an HTTP date; the moment it names, in epoch ms. */
export function retryAtOf(header: string | null, now: number): number {
  const value = header?.trim();
  if (value && /^\d+$/.test(value)) return now + Number(value) * 1000;
  const date = value ? Date.parse(value) : NaN;
  return Number.isFinite(date) && date > now ? date : now + DEFAULT_RETRY_AFTER_MS;
}

/** Parses `Bearer realm="...",service="...",scope="..."` (or `Basic realm=...`). */
export function parseChallenge(
  header: string | null,
): { scheme: string; params: Record<string, string> } | null {
  if (!header) return null;
  const space = header.indexOf(" ");
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  const re = /([a-zA-Z_]+)="([^"]*)"/g;
  for (let m = re.exec(header); m; m = re.exec(header)) params[m[1]!.toLowerCase()] = m[2]!;
  return { scheme, params };
}

function basic(credentials: RegistryCredentials): string | null {
  if (!credentials.username) return null;
  const raw = `${credentials.username}:${credentials.password ?? ""}`;
  return `Basic ${Buffer.from(raw, "utf8").toString("base64")}`;
}

/**
 * A small client of the Docker Registry HTTP API v2: answers a 401 challenge with basic auth,
 * or fetches a bearer token from the challenge's realm (Docker Hub, ACR, token-auth registries).
 */
export class RegistryClient {
  private readonly base: string;

  constructor(
    url: string,
    private readonly credentials: RegistryCredentials,
  ) {
    this.base = url.replace(/\/+$/, "");
  }

  /** GET /v2/: succeeds when the registry answers and takes the credentials. */
  async ping(): Promise<void> {
    await this.get("/v2/", "registry:catalog:*");
  }

  async repositories(): Promise<string[]> {
    const body = (await this.get(`/v2/_catalog?n=${MAX_PAGE}`, "registry:catalog:*")) as {
      repositories?: unknown;
    };
    return Array.isArray(body.repositories)
      ? body.repositories.filter((r): r is string => typeof r === "string")
      : [];
  }

  async tags(repository: string): Promise<string[]> {
    const path = repository.split("/").map(encodeURIComponent).join("/");
    const body = (await this.get(
      `/v2/${path}/tags/list?n=${MAX_PAGE}`,
      `repository:${repository}:pull`,
    )) as { tags?: unknown };
    return Array.isArray(body.tags)
      ? body.tags.filter((t): t is string => typeof t === "string")
      : [];
  }

  /**
   * The manifest digest the registry holds for `repository:tag` now: HEAD on the manifest,
   * reading Docker-Content-Digest, or the sha256 of the body when a registry leaves it out.
   */
  async manifestDigest(repository: string, tag: string): Promise<string> {
    const path = `/v2/${repository.split("/").map(encodeURIComponent).join("/")}/manifests/${encodeURIComponent(tag)}`;
    const scope = `repository:${repository}:pull`;
    const accept = { accept: MANIFEST_ACCEPT };
    const head = await this.authorized(path, scope, "HEAD", accept);
    const digest = head.headers.get("docker-content-digest");
    if (digest) return digest;
    const res = await this.authorized(path, scope, "GET", accept);
    const body = Buffer.from(await res.arrayBuffer());
    return (
      res.headers.get("docker-content-digest") ??
      `sha256:${createHash("sha256").update(body).digest("hex")}`
    );
  }

  private async get(path: string, scope: string): Promise<unknown> {
    const res = await this.authorized(path, scope, "GET", {});
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : {};
  }

  /** One request, answering a 401 challenge; any answer but a success is thrown in words. */
  private async authorized(
    path: string,
    scope: string,
    method: "GET" | "HEAD",
    headers: Record<string, string>,
  ): Promise<Response> {
    let res = await this.fetch(path, headers, method);
    if (res.status === 401) {
      const challenge = parseChallenge(res.headers.get("www-authenticate"));
      let authorization: string | null = null;
      if (challenge?.scheme === "bearer" && challenge.params.realm) {
        authorization = `Bearer ${await this.token(challenge.params, scope)}`;
      } else {
        authorization = basic(this.credentials);
      }
      if (!authorization) {
        throw new BerthError(
          "FORBIDDEN",
          "The registry wants credentials: set a user name and password.",
          undefined,
          { external: true },
        );
      }
      res = await this.fetch(path, { ...headers, authorization }, method);
    }
    if (res.status === 429) {
      throw new RegistryRateLimitedError(retryAtOf(res.headers.get("retry-after"), Date.now()));
    }
    if (res.status === 401 || res.status === 403) {
      throw new BerthError(
        "FORBIDDEN",
        "The registry refused the credentials (unauthorised): check the user name and password.",
        undefined,
        { external: true },
      );
    }
    if (res.status === 404) {
      throw new BerthError("NOT_FOUND", "The registry has no such repository (or no v2 API here).");
    }
    if (!res.ok) {
      throw new BerthError(
        "ENGINE_ERROR",
        `The registry answered ${res.status} ${res.statusText}.`,
      );
    }
    return res;
  }

  private async token(challenge: Record<string, string>, scope: string): Promise<string> {
    const url = new URL(challenge.realm!);
    if (challenge.service) url.searchParams.set("service", challenge.service);
    url.searchParams.set("scope", challenge.scope ?? scope);
    // The password goes to the token service only over https or on the registry's own host:
    // a challenge must not be able to pull it to another machine in clear text.
    const safe = url.protocol === "https:" || url.hostname === new URL(this.base).hostname;
    const auth = safe ? basic(this.credentials) : null;
    const res = await this.fetchUrl(url.toString(), auth ? { authorization: auth } : {});
    if (res.status === 401 || res.status === 403) {
      throw new BerthError(
        "FORBIDDEN",
        "The registry's token service refused the credentials (unauthorised).",
        undefined,
        { external: true },
      );
    }
    if (!res.ok) {
      throw new BerthError("ENGINE_ERROR", `The registry's token service answered ${res.status}.`);
    }
    const body = (await res.json()) as { token?: unknown; access_token?: unknown };
    const token = typeof body.token === "string" ? body.token : body.access_token;
    if (typeof token !== "string") {
      throw new BerthError("ENGINE_ERROR", "The registry's token service sent no token.");
    }
    return token;
  }

  private fetch(
    path: string,
    headers: Record<string, string>,
    method: "GET" | "HEAD" = "GET",
  ): Promise<Response> {
    return this.fetchUrl(`${this.base}${path}`, headers, method);
  }

  private async fetchUrl(
    url: string,
    headers: Record<string, string>,
    method: "GET" | "HEAD" = "GET",
  ): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: { accept: "application/json", ...headers },
        redirect: "follow",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
      const why =
        typeof cause?.code === "string"
          ? cause.code
          : err instanceof Error && err.name === "TimeoutError"
            ? "no answer within 10 s"
            : err instanceof Error
              ? err.message
              : String(err);
      throw new BerthError("ENGINE_ERROR", `The registry is unreachable at ${this.base} (${why}).`);
    }
  }
}
