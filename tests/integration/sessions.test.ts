import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UiEvents } from "@/lib/protocol";
import { freePort } from "../harness/ports";
import { startTestPostgres, type TestPostgres } from "../harness/postgres";
import { startServer, type ServerProcess } from "../harness/server";
import { TestSession } from "../harness/session";

/** Sign-in, sign-out and both session limits, with the limits shortened to seconds. */
let pg: TestPostgres;
let server: ServerProcess;
const USER = { email: "sam@example.test", password: "sessions are finite" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  server = await startServer({
    databaseUrl: pg.url,
    port: await freePort(),
    // 6 s idle, 16 s absolute.
    // X-Forwarded-For is trusted so that the lockout tests can sign in from several addresses.
    env: {
      BERTH_SESSION_IDLE_MINUTES: "0.1",
      BERTH_SESSION_MAX_HOURS: String(16 / 3600),
      BERTH_TRUST_PROXY: "1",
    },
  });
  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({ token: await server.setupToken(), name: "Sam", ...USER });
}, 120_000);

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  await server?.stop();
  await pg?.stop();
});

async function status(session: TestSession): Promise<number> {
  return (await session.fetch("/api/hosts")).status;
}

describe("sessions", () => {
  it("refuses a wrong password and records the attempt", async () => {
    const session = new TestSession(server.url);
    expect(await session.login(USER.email, "not the password")).toBe(false);
    expect(await session.login("nobody@example.test", "not the password")).toBe(false);
    expect(await status(session)).toBe(401);
    const { db } = await import("@/lib/db");
    const denied = await db.auditEvent.findMany({
      where: { action: "user.login", outcome: "DENIED" },
    });
    expect(denied.map((r) => r.error).sort()).toEqual(["unknown account", "wrong password"]);
  });

  it("ends after the idle timeout, and activity keeps it alive until then", async () => {
    const session = new TestSession(server.url);
    expect(await session.login(USER.email, USER.password)).toBe(true);
    for (let i = 0; i < 5; i += 1) {
      await sleep(2000);
      // What the browser's session keeper does after user activity.
      await session.fetch("/api/auth/session");
    }
    expect(await status(session)).toBe(200);
    await sleep(7000);
    expect(await status(session)).toBe(401);
  });

  it("ends at the absolute limit even while active", async () => {
    const session = new TestSession(server.url);
    expect(await session.login(USER.email, USER.password)).toBe(true);
    const started = Date.now();
    while (Date.now() - started < 17_000) {
      await sleep(2000);
      await session.fetch("/api/auth/session");
    }
    expect(await status(session)).toBe(401);
  });

  it("signs out", async () => {
    const session = new TestSession(server.url);
    expect(await session.login(USER.email, USER.password)).toBe(true);
    expect(await status(session)).toBe(200);
    const csrf = (await (await session.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await session.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, json: "true" }),
    });
    expect(await status(session)).toBe(401);
  });

  it("disables a user's existing session at once", async () => {
    const session = new TestSession(server.url);
    expect(await session.login(USER.email, USER.password)).toBe(true);
    const { db } = await import("@/lib/db");
    await db.user.update({ where: { email: USER.email }, data: { disabled: true } });
    try {
      expect(await status(session)).toBe(401);
    } finally {
      await db.user.update({ where: { email: USER.email }, data: { disabled: false } });
    }
  });
});

describe("login lockout", () => {
  const from = (address: string) => ({ "x-forwarded-for": address });
  type SignInBody = { url: string; error?: string };

  async function createUser(email: string, password: string) {
    const { db } = await import("@/lib/db");
    const { hashPassword } = await import("@/lib/auth/passwords");
    await db.user.create({
      data: { email, name: email, passwordHash: await hashPassword(password) },
    });
  }

  it("locks an account for an address after 10 failures there in 15 minutes, across a restart", async () => {
    await createUser("target@example.test", "the right password");
    for (let i = 0; i < 10; i += 1) {
      const res = await new TestSession(server.url).signIn(
        "target@example.test",
        "wrong",
        from("192.0.2.1"),
      );
      expect(res.status).toBe(401);
    }
    const session = new TestSession(server.url);
    const locked = await session.signIn(
      "target@example.test",
      "the right password",
      from("192.0.2.1"),
    );
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const body = (await locked.json()) as SignInBody;
    expect(new URL(body.url).searchParams.get("error")).toBe("TooManyAttempts:15");
    expect(body.error).toBe("Too many attempts, try again in 15 minutes.");
    expect(await status(session)).toBe(401);

    // Another account from the same address is not affected.
    expect(
      (await new TestSession(server.url).signIn(USER.email, USER.password, from("192.0.2.1")))
        .status,
    ).toBe(200);

    await server.restart();
    const again = await new TestSession(server.url).signIn(
      "target@example.test",
      "the right password",
      from("192.0.2.1"),
    );
    expect(again.status).toBe(429);

    const { db } = await import("@/lib/db");
    const rows = await db.auditEvent.findMany({
      where: { action: "user.login", actorLabel: "target@example.test" },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => r.error)).toEqual([
      ...Array<string>(10).fill("wrong password"),
      "too many failed attempts",
      "too many failed attempts",
    ]);
    expect(rows.every((r) => r.outcome === "DENIED")).toBe(true);
    expect(rows[0]?.clientAddress).toBe("192.0.2.1");
  });

  it("lets no more than 10 of many parallel wrong attempts have their password checked", async () => {
    await createUser("raced@example.test", "the raced password");
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        new TestSession(server.url)
          .signIn("raced@example.test", "wrong", from("198.18.0.1"))
          .then((res) => res.status),
      ),
    );
    // A 401 is a checked password; a 429 was refused before its password was looked at.
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  it("locks an address after 30 failures, whichever accounts they named", async () => {
    await createUser("bystander@example.test", "bystander password");
    for (let i = 0; i < 30; i += 1) {
      const res = await new TestSession(server.url).signIn(
        `guess${i}@example.test`,
        "wrong",
        from("203.0.113.9"),
      );
      expect(res.status).toBe(401);
    }
    const blocked = new TestSession(server.url);
    expect(
      (await blocked.signIn("bystander@example.test", "bystander password", from("203.0.113.9")))
        .status,
    ).toBe(429);
    expect(await status(blocked)).toBe(401);
    const elsewhere = new TestSession(server.url);
    expect(
      (await elsewhere.signIn("bystander@example.test", "bystander password", from("203.0.113.10")))
        .status,
    ).toBe(200);
    expect(await status(elsewhere)).toBe(200);
  });
});

describe("password changes", () => {
  const PAT = { email: "pat@example.test", password: "pat's first password" };

  async function apiStatus(token: string): Promise<number> {
    const res = await fetch(new URL("/api/v1/hosts", server.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    return res.status;
  }

  async function put(session: TestSession, url: string, body: unknown): Promise<number> {
    const res = await session.fetch(url, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return res.status;
  }

  it("end the other sessions; an administrator's change ends all of them and the API tokens", async () => {
    const { db } = await import("@/lib/db");
    const { hashPassword } = await import("@/lib/auth/passwords");
    const { createApiToken } = await import("@/lib/services/tokens/create-api-token");
    const pat = await db.user.create({
      data: { email: PAT.email, name: "Pat", passwordHash: await hashPassword(PAT.password) },
    });
    const { token } = await createApiToken(
      { id: pat.id, email: pat.email, name: pat.name, role: pat.role },
      { name: "script", expiresInDays: 1 },
    );
    const here = new TestSession(server.url);
    const elsewhere = new TestSession(server.url);
    expect(await here.login(PAT.email, PAT.password)).toBe(true);
    expect(await elsewhere.login(PAT.email, PAT.password)).toBe(true);
    const socket = elsewhere.uiSocket();
    const ended = new Promise<void>((resolve) =>
      socket.once(UiEvents.sessionEnded, () => resolve()),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });

    const second = "pat's second password";
    expect(
      await put(here, "/api/account/password", {
        currentPassword: PAT.password,
        newPassword: second,
      }),
    ).toBe(200);
    // The session that changed it goes on; the other one ends, its open socket too.
    expect(await status(here)).toBe(200);
    expect(await status(elsewhere)).toBe(401);
    await ended;
    socket.close();
    // Pat's own change leaves Pat's API token alone.
    expect(await apiStatus(token)).toBe(200);
    const fresh = new TestSession(server.url);
    expect(await fresh.login(PAT.email, second)).toBe(true);

    const admin = new TestSession(server.url);
    expect(await admin.login(USER.email, USER.password)).toBe(true);
    expect(
      await put(admin, `/api/users/${pat.id}/password`, { password: "set by the admin" }),
    ).toBe(200);
    expect(await status(here)).toBe(401);
    expect(await status(fresh)).toBe(401);
    expect(await apiStatus(token)).toBe(401);
    expect(await status(admin)).toBe(200);
    expect(await new TestSession(server.url).login(PAT.email, "set by the admin")).toBe(true);
  });
});
