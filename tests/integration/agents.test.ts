import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UiEvents } from "@/lib/protocol";
import { startAgent, type AgentProcess } from "../harness/agent";
import { startHosts, type SimHosts } from "../harness/hosts";
import { freePort } from "../harness/ports";
import { startTestPostgres, type TestPostgres } from "../harness/postgres";
import { startServer, type ServerProcess } from "../harness/server";
import { TestSession } from "../harness/session";

/**
 * The foundation end to end: a real server process on a real PostgreSQL, real dockerd engines in
 * network namespaces and real agent processes enrolling, reporting and reconnecting.
 */
let pg: TestPostgres;
let sim: SimHosts;
let server: ServerProcess;
let stateDir: string;
let admin: TestSession;
const agents: AgentProcess[] = [];
const ADMIN = { email: "root@example.test", password: "a long enough password" };

type HostJson = {
  id: string;
  name: string;
  online: boolean;
  engine: { engineVersion: string; apiVersion: string; hostname: string; cpus: number } | null;
};

/** The columns of HostMetric that hold a metric, in the schema's order. */
const METRIC_COLUMNS = [
  "cpuPercent",
  "memUsedBytes",
  "memTotalBytes",
  "diskUsedBytes",
  "diskTotalBytes",
  "netRxBytesPerSec",
  "netTxBytesPerSec",
  "load1",
  "load5",
  "load15",
] as const;

/** The machine's memory as /proc/meminfo has it: what every host sample reports. */
function memTotalBytes(): number {
  const kib = /^MemTotal:\s+(\d+) kB$/m.exec(readFileSync("/proc/meminfo", "utf8"))?.[1];
  return Number(kib) * 1024;
}

async function db() {
  return (await import("@/lib/db")).db;
}

async function newToken(hostName: string): Promise<string> {
  const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
  return (await createEnrollmentToken({ system: "test" }, { hostName })).token;
}

async function hosts(): Promise<HostJson[]> {
  const res = await admin.fetch("/api/hosts");
  expect(res.status).toBe(200);
  return ((await res.json()) as { hosts: HostJson[] }).hosts;
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function enroll(token: string, hostname = "probe") {
  return fetch(`${server.url}/api/agent/enroll`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, hostname, protocolVersion: 1, agentVersion: "test" }),
  });
}

beforeAll(async () => {
  [pg, sim] = await Promise.all([startTestPostgres(), startHosts(2)]);
  process.env.DATABASE_URL = pg.url;
  const port = await freePort(sim.gatewayIp);
  server = await startServer({ databaseUrl: pg.url, port, host: sim.gatewayIp });
  stateDir = await mkdtemp(path.join(os.tmpdir(), "berth-agents-"));

  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({ token: await server.setupToken(), name: "Root", ...ADMIN });
  admin = new TestSession(server.url);
  expect(await admin.login(ADMIN.email, ADMIN.password)).toBe(true);
}, 180_000);

afterAll(async () => {
  for (const agent of agents) await agent.kill();
  await server?.stop();
  await sim?.stop();
  await (await db()).$disconnect();
  await pg?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe("agents", () => {
  it("enrols with a one-time token, reports its engine and comes online", async () => {
    const host = sim.hosts[0]!;
    const agent = await startAgent({
      host,
      serverUrl: server.url,
      enrollToken: await newToken("alpha"),
      statePath: path.join(stateDir, "alpha.json"),
    });
    agents.push(agent);
    const alpha = await waitFor("alpha online with engine info", async () =>
      (await hosts()).find((h) => h.name === "alpha" && h.online && h.engine),
    );
    const version = await host.docker([
      "version",
      "--format",
      "{{.Server.Version}} {{.Server.APIVersion}}",
    ]);
    expect(`${alpha.engine?.engineVersion} ${alpha.engine?.apiVersion}`).toBe(
      version.stdout.trim(),
    );
    expect(alpha.engine?.hostname).toBe(host.name);

    const rows = await (
      await db()
    ).auditEvent.findMany({ where: { action: "host.enroll", outcome: "SUCCESS" } });
    expect(rows.map((r) => r.hostId)).toContain(alpha.id);
    const stored = await (await db()).host.findUniqueOrThrow({ where: { id: alpha.id } });
    expect(stored.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects wrong, reused and expired tokens, and logs each refusal", async () => {
    const wrong = await enroll("x".repeat(43));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid/,
    );

    const token = await newToken("once");
    expect((await enroll(token, "first")).status).toBe(200);
    const reused = await enroll(token, "second");
    expect(reused.status).toBe(401);
    expect(((await reused.json()) as { error: { message: string } }).error.message).toMatch(
      /already used/,
    );

    const expiring = await newToken("late");
    const { sha256Hex } = await import("@/lib/crypto");
    await (
      await db()
    ).enrollmentToken.update({
      where: { tokenHash: sha256Hex(expiring) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await enroll(expiring, "late");
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(
      /expired/,
    );

    const denied = await (
      await db()
    ).auditEvent.findMany({
      where: { action: "host.enroll", outcome: "DENIED" },
      orderBy: { id: "asc" },
    });
    expect(denied.map((r) => r.error)).toEqual([
      "unknown token",
      "token already used",
      "token expired",
    ]);

    const agent = await startAgent({
      host: sim.hosts[1]!,
      serverUrl: server.url,
      enrollToken: token,
      statePath: path.join(stateDir, "reuse.json"),
    });
    expect(await agent.exited).toBe(3); // the agent's exit code for a refused enrolment
    expect(agent.output()).toMatch(/already used/);
  });

  it("refuses a malformed enrolment request with a clear message", async () => {
    const res = await fetch(`${server.url}/api/agent/enroll`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: "short" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message:
          "token: Too small: expected string to have >=16 characters; " +
          "hostname: Invalid input: expected string, received undefined; " +
          "protocolVersion: Invalid input: expected number, received undefined; " +
          "agentVersion: Invalid input: expected string, received undefined",
        field: "token",
      },
    });
  });

  it("answers a command through the agent and its engine", async () => {
    const alpha = (await hosts()).find((h) => h.name === "alpha")!;
    const res = await admin.fetch(`/api/hosts/${alpha.id}/ping`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { roundTripMs: number }).roundTripMs).toBeGreaterThan(0);
  });

  it("goes offline within 30 s when the agent freezes, and online again when it resumes", async () => {
    const agent = agents[0]!;
    const alpha = (await hosts()).find((h) => h.name === "alpha")!;
    process.kill(agent.pid, "SIGSTOP");
    const started = Date.now();
    try {
      // A command to a host that stopped answering fails with a reason, it does not hang.
      const res = await admin.fetch(`/api/hosts/${alpha.id}/ping`, { method: "POST" });
      expect([503, 504]).toContain(res.status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /offline|did not answer/,
      );
      await waitFor(
        "alpha offline",
        async () => (await hosts()).find((h) => h.name === "alpha" && !h.online),
        30_000,
      );
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      process.kill(agent.pid, "SIGCONT");
    }
    await waitFor(
      "alpha online again",
      async () => (await hosts()).find((h) => h.name === "alpha" && h.online),
      45_000,
    );
  });

  it("reconnects after the server restarts, with the key it stored", async () => {
    await server.restart();
    await waitFor(
      "alpha online after restart",
      async () => (await hosts()).find((h) => h.name === "alpha" && h.online),
      45_000,
    );
  });

  it("streams live samples to a watching browser and stores 10-second rows and rollups", async () => {
    const alpha = (await hosts()).find((h) => h.name === "alpha")!;
    const socket = admin.uiSocket();
    const samples: Array<{ at: number; cpuPercent: number; memTotalBytes: number }> = [];
    socket.on(UiEvents.metricsSample, (m) => {
      if (m.hostId === alpha.id) samples.push(m.sample);
    });
    const ack = await socket
      .timeout(5000)
      .emitWithAck(UiEvents.metricsSubscribe, { hostId: alpha.id });
    expect(ack.ok).toBe(true);
    // Watched hosts are sampled every second.
    await waitFor("3 live samples", async () => samples.length >= 3, 10_000);
    const gaps = samples.slice(1).map((s, i) => s.at - samples[i]!.at);
    expect(Math.max(...gaps)).toBeLessThan(2500);
    expect(samples[0]!.memTotalBytes).toBe(memTotalBytes());
    socket.disconnect();

    const rows = await waitFor(
      "stored samples",
      async () => {
        const found = await (
          await db()
        ).hostMetric.findMany({ where: { hostId: alpha.id, resolution: 10 } });
        return found.length > 0 ? found : null;
      },
      30_000,
    );
    expect(rows[0]!.memTotalBytes).toBe(memTotalBytes());

    const { rollupHostMetrics } = await import("@/lib/services/metrics/rollup-host-metrics");
    await rollupHostMetrics(new Date(Date.now() + 60_000));
    const rolled = await (
      await db()
    ).hostMetric.count({ where: { hostId: alpha.id, resolution: 60 } });
    expect(rolled).toBeGreaterThan(0);

    const history = await admin.fetch(`/api/hosts/${alpha.id}/metrics?range=1h`);
    expect(history.status).toBe(200);
    expect(((await history.json()) as { points: unknown[] }).points.length).toBeGreaterThan(0);

    // Each metric rolls up as the mean of its own column: 10-second rows written for two
    // minutes three hours ago fold into exact 1-minute rows, and the 24 h history averages those.
    const minute = Math.floor((Date.now() - 3 * 3600_000) / 120_000) * 120_000;
    const values = (n: number) =>
      Object.fromEntries(METRIC_COLUMNS.map((column, i) => [column, (i + 1) * 100 + n])) as Record<
        (typeof METRIC_COLUMNS)[number],
        number
      >;
    const raw = (offsetS: number, n: number) => ({
      hostId: alpha.id,
      resolution: 10,
      at: new Date(minute + offsetS * 1000),
      ...values(n),
    });
    await (
      await db()
    ).hostMetric.createMany({
      data: [raw(0, 1), raw(10, 2), raw(20, 6), raw(60, 10), raw(70, 20)],
    });
    await rollupHostMetrics(new Date(minute + 120_000));
    const minuteRows = await (
      await db()
    ).hostMetric.findMany({
      where: { hostId: alpha.id, resolution: 60, at: { gte: new Date(minute) } },
      orderBy: { at: "asc" },
      take: 2,
    });
    expect(
      minuteRows.map((r) => ({
        at: r.at.getTime(),
        ...Object.fromEntries(METRIC_COLUMNS.map((column) => [column, r[column]])),
      })),
    ).toEqual([
      { at: minute, ...values(3) },
      { at: minute + 60_000, ...values(15) },
    ]);
    const day = await admin.fetch(`/api/hosts/${alpha.id}/metrics?range=24h`);
    const { points } = (await day.json()) as { points: Array<{ at: number }> };
    const { load5: _load5, load15: _load15, ...charted } = values(9);
    expect(points.find((p) => p.at === minute)).toEqual({ at: minute, ...charted });

    // Retention: rows older than a day (10 s) and 30 days (1 min) are pruned.
    const old = new Date(Date.now() - 31 * 86400_000);
    await (
      await db()
    ).hostMetric.create({
      data: {
        hostId: alpha.id,
        resolution: 60,
        at: old,
        cpuPercent: 1,
        memUsedBytes: 1,
        memTotalBytes: 1,
        diskUsedBytes: 1,
        diskTotalBytes: 1,
        netRxBytesPerSec: 0,
        netTxBytesPerSec: 0,
        load1: 0,
        load5: 0,
        load15: 0,
      },
    });
    const { pruned } = await rollupHostMetrics();
    expect(pruned).toBeGreaterThan(0);
    expect(await (await db()).hostMetric.count({ where: { at: old } })).toBe(0);
  });

  it("keeps the /ui socket for signed-in users on this origin only", async () => {
    const anonymous = new TestSession(server.url).uiSocket();
    const refused = await new Promise<string>((resolve) =>
      anonymous.on("connect_error", (e) => resolve(e.message)),
    );
    expect(refused).toBe("Sign in to continue.");
    anonymous.close();

    const foreign = admin.uiSocket("http://evil.example");
    const denied = await new Promise<string>((resolve) =>
      foreign.on("connect_error", (e) => resolve(e.message)),
    );
    expect(denied).toBe("Origin not allowed.");
    foreign.close();
  });

  it("says a host is offline when a command is sent to it", async () => {
    const token = await newToken("gone");
    const agent = await startAgent({
      host: sim.hosts[1]!,
      serverUrl: server.url,
      enrollToken: token,
      statePath: path.join(stateDir, "gone.json"),
    });
    const gone = await waitFor("gone online", async () =>
      (await hosts()).find((h) => h.name === "gone" && h.online),
    );
    await agent.kill();
    await waitFor("gone offline", async () =>
      (await hosts()).find((h) => h.name === "gone" && !h.online),
    );
    const res = await admin.fetch(`/api/hosts/${gone.id}/ping`, { method: "POST" });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "The host is offline.",
    );
  });

  it("answers 404 for a host id that does not exist and 401 without a session", async () => {
    expect((await admin.fetch("/api/hosts/does-not-exist/metrics?range=1h")).status).toBe(404);
    expect((await fetch(`${server.url}/api/hosts`)).status).toBe(401);
  });
});
