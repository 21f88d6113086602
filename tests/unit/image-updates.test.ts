import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isRateLimited,
  RegistryClient,
  RegistryRateLimitedError,
  retryAtOf,
} from "@/lib/registries/v2-client";
import { DigestCache } from "@/lib/services/image-updates/digest-cache";
import {
  compareDigests,
  displayImageRef,
  localDigestsOf,
  parseImageRef,
} from "@/lib/services/image-updates/image-ref";

const A = `sha256:${"a".repeat(64)}`;
const B = `sha256:${"b".repeat(64)}`;

describe("image references", () => {
  it("normalises Docker Hub names as the engine resolves them", () => {
    expect(parseImageRef("nginx")).toMatchObject({
      registryHost: "docker.io",
      repository: "library/nginx",
      tag: "latest",
      ref: "docker.io/library/nginx:latest",
      pinnedDigest: null,
    });
    expect(parseImageRef("nginx:1.27")?.ref).toBe("docker.io/library/nginx:1.27");
    expect(parseImageRef("docker.io/library/nginx:1.27")?.ref).toBe("docker.io/library/nginx:1.27");
    expect(parseImageRef("index.docker.io/grafana/grafana")?.ref).toBe(
      "docker.io/grafana/grafana:latest",
    );
    expect(parseImageRef("grafana/grafana:11")?.repository).toBe("grafana/grafana");
  });

  it("keeps a private registry's host and port apart from the tag", () => {
    expect(parseImageRef("10.99.0.1:5000/team/app:2")).toMatchObject({
      registryHost: "10.99.0.1:5000",
      repository: "team/app",
      tag: "2",
      ref: "10.99.0.1:5000/team/app:2",
    });
    expect(parseImageRef("localhost:5000/app")?.ref).toBe("localhost:5000/app:latest");
    expect(parseImageRef("ghcr.io/org/tool")?.registryHost).toBe("ghcr.io");
  });

  it("knows digest-pinned references and image ids", () => {
    expect(parseImageRef(`nginx:1.27@${A}`)).toMatchObject({
      pinnedDigest: A,
      ref: `docker.io/library/nginx@${A}`,
    });
    expect(parseImageRef(A)).toBeNull();
    expect(parseImageRef("0123456789ab")).toBeNull();
  });

  it("shows Docker Hub references as users write them", () => {
    expect(displayImageRef("docker.io/library/nginx:1.27")).toBe("nginx:1.27");
    expect(displayImageRef("docker.io/grafana/grafana:11")).toBe("grafana/grafana:11");
    expect(displayImageRef("10.99.0.1:5000/team/app:2")).toBe("10.99.0.1:5000/team/app:2");
  });
});

describe("digest comparison", () => {
  const ref = parseImageRef("nginx:1.27")!;

  it("reads the local digest of the reference's repository only", () => {
    const digests = [`nginx@${A}`, `10.99.0.1:5000/library/nginx@${B}`];
    expect(localDigestsOf(digests, ref)).toEqual([A]);
    expect(localDigestsOf([`docker.io/library/nginx@${B}`], ref)).toEqual([B]);
    expect(localDigestsOf([], ref)).toEqual([]);
  });

  it("tells up to date, update available and local-only apart", () => {
    expect(compareDigests([A], A)).toBe("up_to_date");
    expect(compareDigests([B, A], A)).toBe("up_to_date");
    expect(compareDigests([B], A)).toBe("update_available");
    expect(compareDigests([], A)).toBe("local_only");
  });
});

describe("the registry answer cache", () => {
  it("reuses young answers and asks again when they are too old for the caller", async () => {
    let now = 1_000_000;
    const cache = new DigestCache(3_600_000, () => now);
    let asked = 0;
    const ask = async () => {
      asked += 1;
      return asked === 1 ? A : B;
    };
    expect(await cache.digest("r", "app", "1", Infinity, ask)).toBe(A);
    now += 120_000;
    expect(await cache.digest("r", "app", "1", Infinity, ask)).toBe(A);
    expect(asked).toBe(1);
    // "Check now" takes nothing older than a minute
    expect(await cache.digest("r", "app", "1", 60_000, ask)).toBe(B);
    expect(asked).toBe(2);
    // past the cache's life everything is asked again
    now += 3_600_001;
    await cache.digest("r", "app", "1", Infinity, ask);
    expect(asked).toBe(3);
  });

  it("never asks the same reference twice at once", async () => {
    const cache = new DigestCache(3_600_000);
    let asked = 0;
    let release = (_: string) => {};
    const ask = () => {
      asked += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = cache.digest("r", "app", "1", 0, ask);
    const second = cache.digest("r", "app", "1", 0, ask);
    release(A);
    expect(await Promise.all([first, second])).toEqual([A, A]);
    expect(asked).toBe(1);
  });

  it("asks a rate-limiting registry nothing until its Retry-After", async () => {
    let now = 5_000_000;
    const cache = new DigestCache(3_600_000, () => now);
    let asked = 0;
    const limited = async (): Promise<string> => {
      asked += 1;
      throw new RegistryRateLimitedError(now + 30_000);
    };
    await expect(cache.digest("hub", "a", "1", Infinity, limited)).rejects.toThrow(
      /rate limited until/,
    );
    // another repository on the same registry is not asked either
    const err = await cache.digest("hub", "b", "1", Infinity, limited).catch((e: unknown) => e);
    expect(isRateLimited(err)).toBe(true);
    expect(asked).toBe(1);
    // another registry is
    expect(await cache.digest("other", "a", "1", Infinity, async () => A)).toBe(A);
    now += 30_001;
    expect(await cache.digest("hub", "a", "1", Infinity, async () => B)).toBe(B);
  });

  it("reads Retry-After as seconds or a date, with a minute when it is missing", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAtOf("120", now)).toBe(now + 120_000);
    expect(retryAtOf("Thu, 01 Jan 2026 00:05:00 GMT", now)).toBe(now + 300_000);
    expect(retryAtOf(null, now)).toBe(now + 60_000);
    expect(retryAtOf("soon", now)).toBe(now + 60_000);
  });
});

describe("manifest digests from a registry", () => {
  let server: http.Server;
  let base = "";
  const seen: Array<{ method: string; url: string; accept: string | undefined }> = [];
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: "x" });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", accept: req.headers.accept });
      if (req.headers.authorization !== `Basic ${Buffer.from("u:p").toString("base64")}`) {
        res.writeHead(401, { "www-authenticate": 'Basic realm="test"' });
        res.end();
        return;
      }
      if (req.url === "/v2/team/app/manifests/1") {
        res.writeHead(200, { "docker-content-digest": A });
        res.end(req.method === "HEAD" ? undefined : manifest);
      } else if (req.url === "/v2/team/quiet/manifests/1") {
        // a registry that leaves the digest header out
        res.writeHead(200, { "content-type": "application/json" });
        res.end(req.method === "HEAD" ? undefined : manifest);
      } else if (req.url === "/v2/team/busy/manifests/1") {
        res.writeHead(429, { "retry-after": "90" });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => server.close());

  const client = () => new RegistryClient(base, { username: "u", password: "p" });

  it("asks with HEAD for every manifest kind and reads Docker-Content-Digest", async () => {
    seen.length = 0;
    expect(await client().manifestDigest("team/app", "1")).toBe(A);
    expect(seen.map((s) => s.method)).toEqual(["HEAD", "HEAD"]);
    for (const kind of [
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json",
    ])
      expect(seen[1]!.accept).toContain(kind);
  });

  it("hashes the manifest when the registry sends no digest header", async () => {
    const expected = `sha256:${createHash("sha256").update(manifest).digest("hex")}`;
    expect(await client().manifestDigest("team/quiet", "1")).toBe(expected);
  });

  it("reports a 429 with the moment it may ask again", async () => {
    const before = Date.now();
    const err = await client()
      .manifestDigest("team/busy", "1")
      .catch((e: unknown) => e);
    expect(isRateLimited(err)).toBe(true);
    const retryAt = (err as { retryAt: number }).retryAt;
    expect(retryAt).toBeGreaterThanOrEqual(before + 90_000);
    expect((err as Error).message).toMatch(/rate limited until/);
  });
});
