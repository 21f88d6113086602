import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type TestOidcProvider } from "../harness/oidc-provider";
import { freePort } from "../harness/ports";
import { startTestPostgres, type TestPostgres } from "../harness/postgres";
import { startServer, type ServerProcess } from "../harness/server";
import { TestSession } from "../harness/session";

/**
 * Single sign-on against a real OpenID Connect provider on loopback, following every redirect
 * of the authorization code flow (with PKCE and state) between Berth and the provider.
 */
let pg: TestPostgres;
let idp: TestOidcProvider;
let server: ServerProcess;
const ADMIN = { email: "root@example.test", password: "a long enough password" };

/**
 * Starts the sign-in as the login page's button does and follows the redirects through the
 * provider back to Berth. Returns the Berth session and where the flow ended.
 */
async function signInWithProvider(
  callbackUrl = `${server.url}/hosts`,
): Promise<{ session: TestSession; landed: string }> {
  const session = new TestSession(server.url);
  const provider = new TestSession(idp.issuer);
  const csrf = (await (await session.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const start = await session.fetch("/api/auth/signin/oidc", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      csrfToken: csrf.csrfToken,
      callbackUrl,
      json: "true",
    }),
  });
  let url = ((await start.json()) as { url: string }).url;
  expect(url.startsWith(idp.issuer)).toBe(true);
  for (let hop = 0; hop < 20; hop += 1) {
    const target = new URL(url);
    const jar = target.origin === new URL(server.url).origin ? session : provider;
    const res = await jar.fetch(target.toString());
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`flow stopped at ${url} with ${res.status}: ${await res.text()}`);
    }
    url = new URL(location, target).toString();
    if (!url.startsWith(idp.issuer) && !url.includes("/api/auth/")) return { session, landed: url };
  }
  throw new Error("too many redirects");
}

async function me(session: TestSession): Promise<{ email: string } | null> {
  const res = await session.fetch("/api/auth/session");
  const body = (await res.json()) as { user?: { email: string } };
  return body.user ?? null;
}

beforeAll(async () => {
  pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({
    port: await freePort(),
    redirectUri: `${url}/api/auth/callback/oidc`,
  });
  server = await startServer({
    databaseUrl: pg.url,
    port,
    env: {
      BERTH_PUBLIC_URL: url,
      BERTH_OIDC_ISSUER: idp.issuer,
      BERTH_OIDC_CLIENT_ID: idp.clientId,
      BERTH_OIDC_CLIENT_SECRET: idp.clientSecret,
      BERTH_OIDC_NAME: "Test IdP",
      BERTH_OIDC_TEAMS_CLAIM: "groups",
    },
  });
  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({ token: await server.setupToken(), name: "Root", ...ADMIN });
  const { db } = await import("@/lib/db");
  await db.team.createMany({ data: [{ name: "ops" }, { name: "dev" }] });
}, 120_000);

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  await server?.stop();
  await idp?.stop();
  await pg?.stop();
});

describe("OIDC sign-in", () => {
  it("creates a new user from the provider's claims and maps their teams", async () => {
    idp.signInAs("u-1", {
      email: "Grace@Example.test",
      email_verified: true,
      name: "Grace Hopper",
      groups: ["ops", "unknown-team"],
    });
    const { session, landed } = await signInWithProvider();
    expect(landed).toBe(`${server.url}/hosts`);
    expect(await me(session)).toMatchObject({ email: "grace@example.test" });
    expect((await session.fetch("/api/hosts")).status).toBe(200);

    const { db } = await import("@/lib/db");
    const user = await db.user.findUniqueOrThrow({
      where: { email: "grace@example.test" },
      include: { teams: { include: { team: true } } },
    });
    expect(user.role).toBe("USER");
    expect(user.name).toBe("Grace Hopper");
    expect(user.teams.map((m) => m.team.name)).toEqual(["ops"]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.login.oidc", actorId: user.id },
    });
    expect(audit.outcome).toBe("SUCCESS");
  });

  it("follows the claim on the next sign-in: teams are joined and left", async () => {
    idp.signInAs("u-1", {
      email: "grace@example.test",
      email_verified: true,
      name: "Grace Hopper",
      groups: ["dev"],
    });
    await signInWithProvider();
    const { db } = await import("@/lib/db");
    const memberships = await db.teamMember.findMany({
      where: { user: { email: "grace@example.test" } },
      include: { team: true },
    });
    expect(memberships.map((m) => m.team.name)).toEqual(["dev"]);
    expect(await db.user.count({ where: { email: "grace@example.test" } })).toBe(1);
  });

  it("matches an existing account by email", async () => {
    idp.signInAs("admin-sub", { email: ADMIN.email, email_verified: true, name: "Someone" });
    const { session } = await signInWithProvider();
    expect(await me(session)).toMatchObject({ email: ADMIN.email });
    // No second account was made for the same address.
    const { db } = await import("@/lib/db");
    expect(await db.user.count()).toBe(2);
  });

  it("refuses disabled accounts and unverified email addresses", async () => {
    const { db } = await import("@/lib/db");
    await db.user.update({ where: { email: "grace@example.test" }, data: { disabled: true } });
    idp.signInAs("u-1", { email: "grace@example.test", email_verified: true, name: "Grace" });
    const disabled = await signInWithProvider();
    expect(new URL(disabled.landed).pathname).toBe("/login");
    expect(new URL(disabled.landed).searchParams.get("error")).toBe("AccessDenied");
    expect(await me(disabled.session)).toBeNull();

    idp.signInAs("u-2", { email: ADMIN.email, email_verified: false, name: "Impostor" });
    const unverified = await signInWithProvider();
    expect(new URL(unverified.landed).searchParams.get("error")).toBe("AccessDenied");
    expect(await me(unverified.session)).toBeNull();
  });

  it("links or makes an account only when the provider says the address is verified: true", async () => {
    const { db } = await import("@/lib/db");
    const users = await db.user.count();
    // An attacker's provider account that claims someone else's address without verifying it.
    for (const [sub, account] of [
      ["u-3", { email: ADMIN.email, name: "Impostor" }],
      ["u-4", { email: ADMIN.email, email_verified: "true", name: "Impostor" }],
      ["u-5", { email: "newcomer@example.test", name: "Newcomer" }],
    ] as const) {
      idp.signInAs(sub, account);
      const attempt = await signInWithProvider();
      expect(new URL(attempt.landed).searchParams.get("error"), sub).toBe("AccessDenied");
      expect(await me(attempt.session), sub).toBeNull();
    }
    expect(await db.user.count()).toBe(users);
    const refused = await db.auditEvent.findMany({
      where: { action: "user.login.oidc", error: "email address not verified" },
    });
    expect(refused.map((r) => r.actorLabel)).toEqual([
      ADMIN.email,
      ADMIN.email,
      ADMIN.email,
      "newcomer@example.test",
    ]);
  });

  it("leads back only to pages of this site, whatever the callbackUrl", async () => {
    for (const callbackUrl of ["http://evil.com/", "/\\evil.com", "/\t/evil.com", "/.//evil.com"]) {
      idp.signInAs("admin-sub", { email: ADMIN.email, email_verified: true, name: "Someone" });
      const { session, landed } = await signInWithProvider(callbackUrl);
      expect(landed, callbackUrl).toBe(`${server.url}/`);
      expect(await me(session)).toMatchObject({ email: ADMIN.email });
    }
    idp.signInAs("admin-sub", { email: ADMIN.email, email_verified: true, name: "Someone" });
    expect((await signInWithProvider("/images?host=x")).landed).toBe(`${server.url}/images?host=x`);
  });

  it("offers the provider on the login page", async () => {
    const html = await (await new TestSession(server.url).fetch("/login")).text();
    expect(html).toContain("Sign in with <!-- -->Test IdP");
  });
});
