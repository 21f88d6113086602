import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    env: { BERTH_SESSION_IDLE_MINUTES: "0.1", BERTH_SESSION_MAX_HOURS: String(16 / 3600) },
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
