import { BerthError } from "@/lib/protocol";

export type RegistryCredentials = { username?: string | null; password?: string | null };

const TIMEOUT_MS = 10_000;
const MAX_PAGE = 1000;

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

  private async get(path: string, scope: string): Promise<unknown> {
    let res = await this.fetch(path, {});
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
      res = await this.fetch(path, { authorization });
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
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : {};
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

  private fetch(path: string, headers: Record<string, string>): Promise<Response> {
    return this.fetchUrl(`${this.base}${path}`, headers);
  }

  private async fetchUrl(url: string, headers: Record<string, string>): Promise<Response> {
    try {
      return await fetch(url, {
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
