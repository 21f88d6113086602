import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../harness/ports";
import { startTestPostgres, type TestPostgres } from "../harness/postgres";
import { startServer, type ServerProcess } from "../harness/server";
import { TestSession } from "../harness/session";

/**
 * Attacks on sign-in by someone without an account's password: guessing past the lockout,
 * locking the owner out, and flooding the audit log. Each worked once and must stay refused.
 */
let pg: TestPostgres;
let server: ServerProcess;
const PASSWORD = "the right password";
// X-Forwarded-For is trusted so that one test process can sign in from many addresses.
const from = (address: string) => ({ "x-forwarded-for": address });

async function db() {
  return (await import("@/lib/db")).db;
}

async function createUser(email: string) {
  const { hashPassword } = await import("@/lib/auth/passwords");
  await (
    await db()
  ).user.create({ data: { email, name: email, passwordHash: await hashPassword(PASSWORD) } });
}

/** Posts the credentials callback at `path` as next-auth's client does; the raw answer. */
async function signInAt(
  session: TestSession,
  path: string,
  email: string,
  password: string,
  address: string,
) {
  const csrf = (await (await session.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  return session.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...from(address) },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true" }),
  });
}

const signedIn = async (session: TestSession) => (await session.fetch("/api/hosts")).status === 200;

async function fail(email: string, address: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i += 1) {
    statuses.push((await new TestSession(server.url).signIn(email, "wrong", from(address))).status);
  }
  return statuses;
}

beforeAll(async () => {
  pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  server = await startServer({
    databaseUrl: pg.url,
    port: await freePort(),
    env: { BERTH_TRUST_PROXY: "1" },
  });
}, 120_000);

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  await server?.stop();
  await pg?.stop();
});

describe("sign-in attacks", () => {
  it("another path to the credentials provider is under the same lockout", async () => {
    await createUser("path@example.test");
    expect(await fail("path@example.test", "192.0.2.10", 10)).toEqual(Array(10).fill(401));
    // next-auth routes /callback/credentials/<anything> to the same provider.
    for (const path of [
      "/api/auth/callback/credentials/x",
      "/api/auth/callback/credentials/x/y",
      "/api/auth/callback/credentials?x=1",
    ]) {
      const session = new TestSession(server.url);
      const res = await signInAt(session, path, "path@example.test", PASSWORD, "192.0.2.10");
      expect(res.status, path).toBe(429);
      expect(await signedIn(session), path).toBe(false);
    }
    // The refused attempts cleared nothing: the account is still locked for that address.
    const again = new TestSession(server.url);
    expect((await again.signIn("path@example.test", PASSWORD, from("192.0.2.10"))).status).toBe(
      429,
    );
  });

  it("failures from one address do not lock the account for its owner elsewhere", async () => {
    await createUser("owner@example.test");
    expect(await fail("owner@example.test", "198.51.100.66", 10)).toEqual(Array(10).fill(401));
    const attacker = new TestSession(server.url);
    expect(
      (await attacker.signIn("owner@example.test", PASSWORD, from("198.51.100.66"))).status,
    ).toBe(429);
    const owner = new TestSession(server.url);
    expect((await owner.signIn("owner@example.test", PASSWORD, from("203.0.113.5"))).status).toBe(
      200,
    );
    expect(await signedIn(owner)).toBe(true);
    // The owner's success does not lift the attacker's lock.
    expect(
      (
        await new TestSession(server.url).signIn(
          "owner@example.test",
          PASSWORD,
          from("198.51.100.66"),
        )
      ).status,
    ).toBe(429);
  });

  it("many addresses together lock the account everywhere, at a slower rate", async () => {
    await createUser("spread@example.test");
    // 100 failures within the hour, 5 from each of 20 addresses: none reaches its own limit.
    for (let batch = 0; batch < 5; batch += 1) {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          new TestSession(server.url)
            .signIn("spread@example.test", "wrong", from(`198.18.1.${i + 1}`))
            .then((res) => res.status),
        ),
      );
      expect(statuses).toEqual(Array(20).fill(401));
    }
    const locked = await new TestSession(server.url).signIn(
      "spread@example.test",
      PASSWORD,
      from("203.0.113.77"),
    );
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(55 * 60);
    expect(retryAfter).toBeLessThanOrEqual(60 * 60);
  });

  it("an administrator lifts a lock from the command line", async () => {
    await createUser("unlock@example.test");
    await fail("unlock@example.test", "192.0.2.44", 10);
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/users-unlock.ts", "Unlock@Example.test"],
      { env: { ...process.env, DATABASE_URL: pg.url }, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("unlock@example.test");
    const session = new TestSession(server.url);
    expect((await session.signIn("unlock@example.test", PASSWORD, from("192.0.2.44"))).status).toBe(
      200,
    );
    const row = await (
      await db()
    ).auditEvent.findFirstOrThrow({
      where: { action: "user.unlock", target: "unlock@example.test" },
    });
    expect(row.outcome).toBe("SUCCESS");
    expect(row.actorLabel).toBe("command line");

    const unknown = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/users-unlock.ts", "nobody@example.test"],
      { env: { ...process.env, DATABASE_URL: pg.url }, encoding: "utf8" },
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("nobody@example.test");
  });

  it("a flood of refused sign-ins and enrolments cannot flood the audit log", async () => {
    const address = "192.0.2.200";
    const since = new Date();
    // Locked attempts are cheap for the attacker (no password check): 10 failures, then 90 more.
    await createUser("flood@example.test");
    await fail("flood@example.test", address, 100);
    for (let i = 0; i < 50; i += 1) {
      await fetch(new URL("/api/agent/enroll", server.url), {
        method: "POST",
        headers: { "content-type": "application/json", ...from(address) },
        body: JSON.stringify({
          token: `not-a-token-${"x".repeat(20)}-${i}`,
          hostname: "flood",
          protocolVersion: 1,
          agentVersion: "x",
        }),
      });
    }
    const rows = async () =>
      (await db()).auditEvent.findMany({
        where: { clientAddress: address, at: { gte: since } },
        orderBy: { id: "asc" },
      });
    const during = await rows();
    expect(during.length).toBeLessThanOrEqual(20);
    // Once the minute is over (the server looks every 5 s), one row says how many were left out.
    const deadline = Date.now() + 80_000;
    let after = await rows();
    const summariesOf = (list: typeof after) => list.filter((r) => r.action === "audit.suppressed");
    while (summariesOf(after).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      after = await rows();
    }
    const summaries = summariesOf(after);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.error).toBe(
      `${150 - during.length} more refused attempts from ${address}`,
    );
    expect(after.length).toBe(during.length + 1);
  }, 120_000);
});
