import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../harness/ports";
import { startTestPostgres, type TestPostgres } from "../harness/postgres";
import { startServer, type ServerProcess } from "../harness/server";
import { TestSession } from "../harness/session";

/**
 * Users, invitations, teams, host groups, per-host roles and the audit log, through the real
 * server over HTTP against a real PostgreSQL. Hosts are plain rows: access needs no engine.
 */
let pgServer: TestPostgres;
let server: ServerProcess;
let admin: TestSession;
const ROOT = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "a long enough password";
const ADMIN_EMAIL = "root@example.test";
const hosts: Record<"h1" | "h2" | "h3", string> = { h1: "", h2: "", h3: "" };

async function db() {
  return (await import("@/lib/db")).db;
}

async function send(session: TestSession, method: string, url: string, body?: unknown) {
  return session.fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

type ApiError = { error: { code: string; message: string; field?: string } };

async function createUser(email: string, role: "USER" | "ADMIN" = "USER"): Promise<string> {
  const { id } = await json<{ id: string }>(
    await send(admin, "POST", "/api/users", {
      name: email.split("@")[0],
      email,
      password: PASSWORD,
      role,
    }),
    201,
  );
  return id;
}

async function signIn(email: string, password = PASSWORD): Promise<TestSession> {
  const session = new TestSession(server.url);
  expect(await session.login(email, password)).toBe(true);
  return session;
}

async function visibleHosts(session: TestSession): Promise<Record<string, string>> {
  const body = await json<{ hosts: Array<{ id: string; role: string }> }>(
    await session.fetch("/api/hosts"),
    200,
  );
  return Object.fromEntries(body.hosts.map((h) => [h.id, h.role]));
}

function tokenOf(url: string): string {
  return new URL(url).hash.slice(1);
}

beforeAll(async () => {
  pgServer = await startTestPostgres();
  process.env.DATABASE_URL = pgServer.url;
  server = await startServer({ databaseUrl: pgServer.url, port: await freePort("127.0.0.1") });
  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({
    token: await server.setupToken(),
    name: "Root",
    email: ADMIN_EMAIL,
    password: PASSWORD,
  });
  admin = await signIn(ADMIN_EMAIL);
  for (const name of ["h1", "h2", "h3"] as const) {
    hosts[name] = (await (await db()).host.create({ data: { name } })).id;
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await (await db()).$disconnect();
  await pgServer?.stop();
});

describe("users", () => {
  it("create, sign in, change own password, disable, enable, reset, delete", async () => {
    const id = await createUser("uma@example.test");
    const dup = await json<ApiError>(
      await send(admin, "POST", "/api/users", {
        name: "Uma again",
        email: "UMA@example.test",
        password: PASSWORD,
      }),
      409,
    );
    expect(dup.error).toMatchObject({ field: "email" });

    const uma = await signIn("uma@example.test");
    expect(await json<ApiError>(await uma.fetch("/api/users"), 403)).toMatchObject({
      error: { code: "FORBIDDEN" },
    });
    const wrong = await json<ApiError>(
      await send(uma, "PUT", "/api/account/password", {
        currentPassword: "not my password",
        newPassword: "brand new password",
      }),
      400,
    );
    expect(wrong.error).toMatchObject({ field: "currentPassword" });
    await json(
      await send(uma, "PUT", "/api/account/password", {
        currentPassword: PASSWORD,
        newPassword: "brand new password",
      }),
      200,
    );
    expect(await new TestSession(server.url).login("uma@example.test", PASSWORD)).toBe(false);
    const uma2 = await signIn("uma@example.test", "brand new password");

    // Disabling cuts the open session off at its next request.
    await json(await send(admin, "PATCH", `/api/users/${id}`, { disabled: true }), 200);
    expect((await uma2.fetch("/api/hosts")).status).toBe(401);
    expect(await new TestSession(server.url).login("uma@example.test", "brand new password")).toBe(
      false,
    );
    await json(await send(admin, "PATCH", `/api/users/${id}`, { disabled: false }), 200);

    await json(
      await send(admin, "PUT", `/api/users/${id}/password`, { password: "set by the admin" }),
      200,
    );
    await signIn("uma@example.test", "set by the admin");

    const link = await json<{ url: string; expiresAt: string }>(
      await send(admin, "POST", `/api/users/${id}/reset-link`),
      201,
    );
    expect(new URL(link.url).pathname).toBe("/reset-password");
    const reset = { token: tokenOf(link.url), password: "chosen after reset" };
    await json(
      await send(new TestSession(server.url), "POST", "/api/account/password-reset", reset),
      200,
    );
    const again = await json<ApiError>(
      await send(new TestSession(server.url), "POST", "/api/account/password-reset", reset),
      409,
    );
    expect(again.error.message).toMatch(/already used/);
    await signIn("uma@example.test", "chosen after reset");

    const self = (await (await db()).user.findUniqueOrThrow({ where: { email: ADMIN_EMAIL } })).id;
    expect((await send(admin, "DELETE", `/api/users/${self}`)).status).toBe(409);
    expect((await send(admin, "PATCH", `/api/users/${self}`, { disabled: true })).status).toBe(409);
    await json(await send(admin, "DELETE", `/api/users/${id}`), 200);
    expect((await send(admin, "DELETE", `/api/users/${id}`)).status).toBe(404);
    expect(await new TestSession(server.url).login("uma@example.test", "chosen after reset")).toBe(
      false,
    );
  });

  it("invitations work once, for their email, for at most 24 hours", async () => {
    const { sha256Hex } = await import("@/lib/crypto");
    const before = Date.now();
    const invite = await json<{ id: string; url: string; expiresAt: string }>(
      await send(admin, "POST", "/api/invites", { email: "Nina@Example.test" }),
      201,
    );
    const token = tokenOf(invite.url);
    expect(new URL(invite.url).pathname).toBe("/invite");
    expect(Date.parse(invite.expiresAt) - before).toBeLessThanOrEqual(24 * 3600_000 + 1000);
    const stored = await (await db()).accountLink.findUniqueOrThrow({ where: { id: invite.id } });
    expect(stored.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const anon = new TestSession(server.url);
    const accept = { token, email: "nina@example.test", name: "Nina", password: PASSWORD };
    const mismatch = await json<ApiError>(
      await send(anon, "POST", "/api/account/invite", { ...accept, email: "mallory@example.test" }),
      400,
    );
    expect(mismatch.error).toMatchObject({ field: "email" });
    expect(mismatch.error.message).toMatch(/different email/);
    await json(await send(anon, "POST", "/api/account/invite", accept), 201);
    const reused = await json<ApiError>(
      await send(anon, "POST", "/api/account/invite", { ...accept, email: "nina@example.test" }),
      409,
    );
    expect(reused.error.message).toMatch(/already used/);
    const nina = await signIn("nina@example.test");
    expect(await visibleHosts(nina)).toEqual({});

    const existing = await json<ApiError>(
      await send(admin, "POST", "/api/invites", { email: "nina@example.test" }),
      409,
    );
    expect(existing.error).toMatchObject({ field: "email" });

    // Expiry: the link is moved into the past, as if 24 hours had gone by.
    const late = await json<{ id: string; url: string }>(
      await send(admin, "POST", "/api/invites", { email: "late@example.test" }),
      201,
    );
    await (
      await db()
    ).accountLink.update({
      where: { id: late.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await json<ApiError>(
      await send(anon, "POST", "/api/account/invite", {
        token: tokenOf(late.url),
        email: "late@example.test",
        name: "Late",
        password: PASSWORD,
      }),
      400,
    );
    expect(expired.error.message).toMatch(/expired/);

    // A withdrawn invitation's link is simply not valid any more.
    const withdrawn = await json<{ id: string; url: string }>(
      await send(admin, "POST", "/api/invites", { email: "wendy@example.test" }),
      201,
    );
    await json(await send(admin, "DELETE", `/api/invites/${withdrawn.id}`), 200);
    const gone = await json<ApiError>(
      await send(anon, "POST", "/api/account/invite", {
        token: tokenOf(withdrawn.url),
        email: "wendy@example.test",
        name: "Wendy",
        password: PASSWORD,
      }),
      400,
    );
    expect(gone.error.message).toMatch(/not valid/);
  });
});

describe("teams, groups and roles", () => {
  let teamId = "";
  let groupId = "";
  let dana: TestSession;
  let danaId = "";
  let otto: TestSession;
  let ottoId = "";

  beforeAll(async () => {
    danaId = await createUser("dana@example.test");
    ottoId = await createUser("otto@example.test");
    dana = await signIn("dana@example.test");
    otto = await signIn("otto@example.test");
  });

  it("admins manage teams and membership; others may not", async () => {
    teamId = (
      await json<{ id: string }>(await send(admin, "POST", "/api/teams", { name: "ops" }), 201)
    ).id;
    expect((await send(admin, "POST", "/api/teams", { name: "ops" })).status).toBe(409);
    await json(await send(admin, "PATCH", `/api/teams/${teamId}`, { name: "operations" }), 200);
    await json(await send(admin, "POST", `/api/teams/${teamId}/members`, { userId: danaId }), 201);
    expect((await send(dana, "POST", "/api/teams", { name: "mine" })).status).toBe(403);
    expect(
      (await send(dana, "POST", `/api/teams/${teamId}/members`, { userId: ottoId })).status,
    ).toBe(403);
    const teams = await json<{ teams: Array<{ name: string; members: Array<{ id: string }> }> }>(
      await admin.fetch("/api/teams"),
      200,
    );
    expect(teams.teams).toEqual([
      expect.objectContaining({
        name: "operations",
        members: [expect.objectContaining({ id: danaId })],
      }),
    ]);
  });

  it("a team's grant on one host shows that host only; foreign ids are 404", async () => {
    await json(
      await send(admin, "POST", `/api/hosts/${hosts.h1}/access`, { teamId, role: "VIEWER" }),
      201,
    );
    expect(await visibleHosts(dana)).toEqual({ [hosts.h1]: "VIEWER" });
    expect(await visibleHosts(otto)).toEqual({});
    expect((await dana.fetch(`/api/hosts/${hosts.h1}`)).status).toBe(200);
    for (const url of [
      `/api/hosts/${hosts.h2}`,
      `/api/hosts/${hosts.h2}/access`,
      `/api/hosts/${hosts.h2}/metrics`,
      `/api/hosts/does-not-exist`,
    ]) {
      expect((await dana.fetch(url)).status, url).toBe(404);
    }
    // A viewer sees the host but may not manage who else does.
    expect((await dana.fetch(`/api/hosts/${hosts.h1}/access`)).status).toBe(403);
  });

  it("a group grant reaches every host in the group, and leaves with a host taken out", async () => {
    groupId = (
      await json<{ id: string }>(
        await send(admin, "POST", "/api/host-groups", { name: "edge" }),
        201,
      )
    ).id;
    expect((await send(dana, "POST", "/api/host-groups", { name: "x" })).status).toBe(403);
    await json(
      await send(admin, "PUT", `/api/host-groups/${groupId}/hosts`, {
        hostIds: [hosts.h2, hosts.h3],
      }),
      200,
    );
    await json(
      await send(admin, "POST", `/api/host-groups/${groupId}/access`, {
        userId: ottoId,
        role: "OPERATOR",
      }),
      201,
    );
    expect(await visibleHosts(otto)).toEqual({ [hosts.h2]: "OPERATOR", [hosts.h3]: "OPERATOR" });
    const groups = await json<{ groups: Array<{ id: string; hosts: unknown[] }> }>(
      await otto.fetch("/api/host-groups"),
      200,
    );
    expect(groups.groups.map((g) => g.id)).toEqual([groupId]);
    expect(await json(await dana.fetch("/api/host-groups"), 200)).toEqual({ groups: [] });

    await json(
      await send(admin, "PUT", `/api/host-groups/${groupId}/hosts`, { hostIds: [hosts.h2] }),
      200,
    );
    expect(await visibleHosts(otto)).toEqual({ [hosts.h2]: "OPERATOR" });
    expect((await otto.fetch(`/api/hosts/${hosts.h3}`)).status).toBe(404);
  });

  it("the strongest grant wins, whether on the user, the team, the host or the group", async () => {
    await json(
      await send(admin, "POST", `/api/host-groups/${groupId}/access`, { teamId, role: "DEPLOYER" }),
      201,
    );
    await json(
      await send(admin, "POST", `/api/hosts/${hosts.h2}/access`, {
        userId: danaId,
        role: "VIEWER",
      }),
      201,
    );
    // Dana: VIEWER on h1 (team), VIEWER on h2 (own) and DEPLOYER on h2 (team, through the group).
    expect(await visibleHosts(dana)).toEqual({ [hosts.h1]: "VIEWER", [hosts.h2]: "DEPLOYER" });
    const list = await json<{ grants: Array<{ role: string; viaGroup: { name: string } | null }> }>(
      await dana.fetch(`/api/hosts/${hosts.h2}/access`),
      200,
    );
    expect(list.grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role: "DEPLOYER",
          viaGroup: expect.objectContaining({ name: "edge" }),
        }),
        expect.objectContaining({ role: "VIEWER", viaGroup: null }),
      ]),
    );
  });

  it("nobody grants a role above their own, and foreign grants are 404", async () => {
    // Dana is DEPLOYER on h2: she may share up to DEPLOYER there, not HOST_ADMIN.
    const own = await json<{ ownRole: string; assignable: string[] }>(
      await dana.fetch(`/api/hosts/${hosts.h2}/access`),
      200,
    );
    expect(own).toMatchObject({
      ownRole: "DEPLOYER",
      assignable: ["VIEWER", "OPERATOR", "DEPLOYER"],
    });
    const granted = await json<{ id: string }>(
      await send(dana, "POST", `/api/hosts/${hosts.h2}/access`, {
        userId: ottoId,
        role: "DEPLOYER",
      }),
      201,
    );
    expect(await visibleHosts(otto)).toEqual({ [hosts.h2]: "DEPLOYER" });
    const above = await json<ApiError>(
      await send(dana, "POST", `/api/hosts/${hosts.h2}/access`, {
        userId: ottoId,
        role: "HOST_ADMIN",
      }),
      403,
    );
    expect(above.error).toMatchObject({ code: "FORBIDDEN", field: "role" });
    expect(await visibleHosts(otto)).toEqual({ [hosts.h2]: "DEPLOYER" });

    // Her team holds DEPLOYER on the group itself: she may grant on it, but not above that.
    expect(
      (
        await send(dana, "POST", `/api/host-groups/${groupId}/access`, {
          userId: ottoId,
          role: "HOST_ADMIN",
        })
      ).status,
    ).toBe(403);

    // A HOST_ADMIN grant someone else holds on h2 is above her: she may not take it away.
    const strong = await json<{ id: string }>(
      await send(admin, "POST", `/api/hosts/${hosts.h2}/access`, {
        userId: ottoId,
        role: "HOST_ADMIN",
      }),
      201,
    );
    expect(strong.id).toBe(granted.id);
    expect((await send(dana, "DELETE", `/api/access/${strong.id}`)).status).toBe(403);

    // A VIEWER (on h1) may not grant at all; h3 and its grants do not exist for Dana.
    expect(
      (
        await send(dana, "POST", `/api/hosts/${hosts.h1}/access`, {
          userId: ottoId,
          role: "VIEWER",
        })
      ).status,
    ).toBe(403);
    const onH3 = await json<{ id: string }>(
      await send(admin, "POST", `/api/hosts/${hosts.h3}/access`, {
        userId: ottoId,
        role: "VIEWER",
      }),
      201,
    );
    expect((await send(dana, "DELETE", `/api/access/${onH3.id}`)).status).toBe(404);
    expect(
      (
        await send(dana, "POST", `/api/hosts/${hosts.h3}/access`, {
          userId: danaId,
          role: "VIEWER",
        })
      ).status,
    ).toBe(404);

    // Revoking takes the access away again.
    await json(await send(admin, "DELETE", `/api/access/${onH3.id}`), 200);
    await json(await send(admin, "DELETE", `/api/access/${strong.id}`), 200);
    expect(await visibleHosts(otto)).toEqual({ [hosts.h2]: "OPERATOR" });
  });

  it("an administrator sees every host; taking the role away takes that away", async () => {
    await json(await send(admin, "PATCH", `/api/users/${ottoId}`, { role: "ADMIN" }), 200);
    expect(Object.keys(await visibleHosts(otto)).sort()).toEqual(Object.values(hosts).sort());
    expect((await otto.fetch("/api/users")).status).toBe(200);
    await json(await send(admin, "PATCH", `/api/users/${ottoId}`, { role: "USER" }), 200);
    expect(await visibleHosts(otto)).toEqual({ [hosts.h2]: "OPERATOR" });
    expect((await otto.fetch("/api/users")).status).toBe(403);
  });

  it("deleting a team or group takes its grants with it", async () => {
    await json(await send(admin, "DELETE", `/api/host-groups/${groupId}`), 200);
    expect(await visibleHosts(otto)).toEqual({});
    expect(await visibleHosts(dana)).toEqual({ [hosts.h1]: "VIEWER", [hosts.h2]: "VIEWER" });
    await json(await send(admin, "DELETE", `/api/teams/${teamId}/members/${danaId}`), 200);
    expect(await visibleHosts(dana)).toEqual({ [hosts.h2]: "VIEWER" });
    await json(await send(admin, "DELETE", `/api/teams/${teamId}`), 200);
    expect((await send(admin, "DELETE", `/api/teams/${teamId}`)).status).toBe(404);
  });
});

describe("grantee picker", () => {
  it("shows everyone to administrators, and others only their teams and teammates", async () => {
    const ginaId = await createUser("gina@example.test");
    const halId = await createUser("hal@example.test");
    await createUser("ivy@example.test");
    const { id: pickers } = await json<{ id: string }>(
      await send(admin, "POST", "/api/teams", { name: "pickers" }),
      201,
    );
    for (const userId of [ginaId, halId]) {
      await json(await send(admin, "POST", `/api/teams/${pickers}/members`, { userId }), 201);
    }
    await json(
      await send(admin, "POST", `/api/hosts/${hosts.h3}/access`, {
        userId: ginaId,
        role: "DEPLOYER",
      }),
      201,
    );
    const gina = await signIn("gina@example.test");
    const page = await (await gina.fetch(`/hosts/${hosts.h3}/access`)).text();
    expect(page).toContain("hal@example.test");
    expect(page).not.toContain("ivy@example.test");

    const { listGrantees } = await import("@/lib/services/access/list-grantees");
    const users = await (await db()).user.findMany();
    const actor = (email: string) => {
      const u = users.find((x) => x.email === email)!;
      return { id: u.id, email: u.email, name: u.name, role: u.role };
    };
    const own = await listGrantees(actor("gina@example.test"));
    expect(own.teams.map((t) => t.name)).toEqual(["pickers"]);
    expect(own.users.map((u) => u.email)).toEqual(["gina@example.test", "hal@example.test"]);
    const all = await listGrantees(actor(ADMIN_EMAIL));
    expect(all.users.map((u) => u.email)).toContain("ivy@example.test");
    expect(all.teams.map((t) => t.name)).toContain("pickers");
  });
});

describe("audit log", () => {
  it("has a row, with the client address, for every mutating action above", async () => {
    const rows = await (await db()).auditEvent.findMany({ orderBy: { id: "asc" } });
    const seen = new Set(rows.map((r) => `${r.action}:${r.outcome}`));
    for (const action of [
      "user.create",
      "user.disable",
      "user.enable",
      "user.password.change",
      "user.password.set",
      "user.password.reset-link",
      "user.password.reset",
      "user.delete",
      "user.invite.create",
      "user.invite.accept",
      "user.invite.revoke",
      "team.create",
      "team.rename",
      "team.member.add",
      "team.member.remove",
      "team.delete",
      "host-group.create",
      "host-group.hosts.set",
      "host-group.delete",
      "access.grant",
      "access.revoke",
    ]) {
      expect(seen, action).toContain(`${action}:SUCCESS`);
    }
    for (const refused of [
      "user.create:FAILURE",
      "user.invite.accept:DENIED",
      "user.password.reset:DENIED",
      "team.create:DENIED",
      "access.grant:DENIED",
      "access.revoke:DENIED",
    ]) {
      expect(seen).toContain(refused);
    }
    const grant = rows.find((r) => r.action === "access.grant" && r.hostId === hosts.h1)!;
    expect(grant).toMatchObject({ actorLabel: ADMIN_EMAIL, clientAddress: "127.0.0.1" });
    expect(grant.params).toMatchObject({ hostId: hosts.h1, role: "VIEWER" });
    // Passwords never reach the log.
    expect(JSON.stringify(rows.map((r) => r.params))).not.toContain(PASSWORD);
  });

  it("is readable and exportable only with audit.read, filtered, as safe CSV", async () => {
    const dana = await signIn("dana@example.test");
    expect((await dana.fetch("/api/audit")).status).toBe(403);
    expect((await dana.fetch("/api/audit/export")).status).toBe(403);

    const { recordAudit } = await import("@/lib/services/audit/record-audit");
    await recordAudit({
      actor: { label: '=HYPERLINK("http://evil.test","x")' },
      action: "team.create",
      outcome: "DENIED",
      target: 'quote " and, comma\nnewline',
      params: { password: "hunter2hunter2", name: "+cmd" },
    });
    const page = await json<{ rows: Array<{ action: string }>; nextBefore: string | null }>(
      await admin.fetch("/api/audit?action=team."),
      200,
    );
    expect(page.rows.length).toBeGreaterThan(3);
    expect(page.rows.every((r) => r.action.startsWith("team."))).toBe(true);
    expect(page.nextBefore).toBeNull();

    const res = await admin.fetch("/api/audit/export?action=team.create");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="berth-audit-/);
    const csv = (await res.text()).replace(/^\uFEFF/, "");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "id,time,actor,actor_id,host,host_id,action,target,outcome,error,client_address,parameters",
    );
    // Newest first: the hostile row, with the formula defused and quotes doubled.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(csv).toContain(`"quote "" and, comma\nnewline"`);
    expect(csv).toContain(`"{""name"":""+cmd"",""password"":""[redacted]""}"`);
    expect(csv).not.toContain("hunter2");
    const dataLines = csv
      .trim()
      .split(/\r\n(?=\d+,)/)
      .slice(1);
    expect(dataLines.length).toBeGreaterThanOrEqual(3);
    expect(dataLines.every((l) => l.includes(",team.create,"))).toBe(true);

    const between = await admin.fetch(
      `/api/audit/export?action=team.create&from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`,
    );
    expect(
      (await between.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n"),
    ).toHaveLength(1);
  });

  it("chains concurrent writers without forking", async () => {
    const { recordAudit } = await import("@/lib/services/audit/record-audit");
    const { verifyAuditChain } = await import("@/lib/services/audit/verify-audit-chain");
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        Promise.all([
          recordAudit({
            actor: { label: "load" },
            action: "test.write",
            outcome: "SUCCESS",
            target: `${i}`,
          }),
          admin.fetch(`/api/teams/${"missing"}`, { method: "DELETE" }),
        ]),
      ),
    );
    const report = await verifyAuditChain();
    expect(report.firstBad).toBeNull();
    expect(report.checked).toBe(await (await db()).auditEvent.count());
  });

  it("refuses UPDATE and DELETE, and audit:verify names a row a superuser changed", async () => {
    const client = new pg.Client({ connectionString: pgServer.url });
    await client.connect();
    try {
      await expect(client.query(`UPDATE "AuditEvent" SET "target" = 'x'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);

      const verify = () =>
        spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
          cwd: ROOT,
          encoding: "utf8",
          env: { ...process.env, DATABASE_URL: pgServer.url },
        });
      const clean = verify();
      expect(clean.status, clean.stderr).toBe(0);
      expect(clean.stdout).toMatch(/audit log intact: \d+ row\(s\) verified/);
      expect(clean.stdout).toMatch(/newest row \d+, hash [0-9a-f]{64}/);

      const { rows } = await client.query<{ id: string }>(
        `SELECT id::text FROM "AuditEvent" WHERE action = 'access.grant' ORDER BY id LIMIT 1`,
      );
      const victim = rows[0]!.id;
      await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      await client.query(`UPDATE "AuditEvent" SET "outcome" = 'DENIED' WHERE id = $1`, [victim]);
      await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);

      const tampered = verify();
      expect(tampered.status).toBe(1);
      expect(tampered.stderr).toContain(`row ${victim}:`);
      expect(tampered.stderr).toMatch(/does not match its hash/);

      // Stripping every hash does not pass the rows off as older than the chain.
      await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      await client.query(`UPDATE "AuditEvent" SET "hash" = NULL, "prevHash" = NULL`);
      await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
      const stripped = verify();
      expect(stripped.status).toBe(1);
      expect(stripped.stderr).toMatch(/it has no hash/);
      // Nor does moving the recorded start of the chain past every row, or removing it.
      await client.query(
        `UPDATE "Setting" SET "value" = '999999999' WHERE "key" = 'audit.chainStart'`,
      );
      const moved = verify();
      expect(moved.status).toBe(1);
      expect(moved.stderr).toMatch(/no row is covered by the hash chain/);
      await client.query(`DELETE FROM "Setting" WHERE "key" = 'audit.chainStart'`);
      const removed = verify();
      expect(removed.status).toBe(1);
      expect(removed.stderr).toMatch(/it has no hash/);
    } finally {
      await client.end();
    }
  });
});
