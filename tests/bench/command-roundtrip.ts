/**
 * Benchmark: a command's round trip through Berth (browser-style HTTP request → server → agent
 * over socket.io → Docker Engine API → back) against the same Engine API call made directly on
 * the host's socket. Also: server cold start and enrolment-to-online time.
 * Run: npm run bench (needs root: it starts a simulated host in a network namespace).
 */
import http from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startAgent } from "../harness/agent";
import { startHosts } from "../harness/hosts";
import { freePort } from "../harness/ports";
import { startTestPostgres } from "../harness/postgres";
import { startServer } from "../harness/server";
import { TestSession } from "../harness/session";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 500);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function enginePing(socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: "/_ping", agent: keepAlive }, (res) => {
      res.resume();
      res.on("end", () => resolve());
    });
    req.on("error", reject);
    req.end();
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < 20; i += 1) await fn();
  for (let i = 0; i < ROUNDS; i += 1) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

function line(name: string, values: number[]): string {
  return `${name.padEnd(44)} p50 ${percentile(values, 50).toFixed(3)} ms   p99 ${percentile(values, 99).toFixed(3)} ms`;
}

export async function run(): Promise<void> {
  const [pg, sim] = await Promise.all([startTestPostgres(), startHosts(1)]);
  const host = sim.hosts[0]!;
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "berth-bench-"));
  process.env.DATABASE_URL = pg.url;
  const port = await freePort(sim.gatewayIp);
  const t0 = performance.now();
  const server = await startServer({ databaseUrl: pg.url, port, host: sim.gatewayIp });
  const coldStartMs = performance.now() - t0;
  try {
    const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
    const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
    const admin = { email: "bench@example.test", password: "benchmark password" };
    await createFirstAdmin({ token: await server.setupToken(), name: "Bench", ...admin });
    const session = new TestSession(server.url);
    if (!(await session.login(admin.email, admin.password))) throw new Error("login failed");

    const { token } = await createEnrollmentToken({ system: "bench" }, { hostName: "bench" });
    const e0 = performance.now();
    const agent = await startAgent({
      host,
      serverUrl: server.url,
      enrollToken: token,
      statePath: path.join(stateDir, "s.json"),
    });
    let hostId = "";
    while (!hostId) {
      const res = await session.fetch("/api/hosts");
      const { hosts } = (await res.json()) as { hosts: Array<{ id: string; online: boolean }> };
      hostId = hosts.find((h) => h.online)?.id ?? "";
      if (!hostId) await new Promise((r) => setTimeout(r, 20));
    }
    const enrolMs = performance.now() - e0;

    const serverSide: number[] = [];
    const viaBerth = await time(async () => {
      const res = await session.fetch(`/api/hosts/${hostId}/ping`, { method: "POST" });
      if (res.status !== 200) throw new Error(`ping answered ${res.status}`);
      serverSide.push(((await res.json()) as { roundTripMs: number }).roundTripMs);
    });
    const direct = await time(() => enginePing(host.dockerSocket));
    await agent.kill();

    const ratio = percentile(viaBerth, 50) / percentile(direct, 50);
    console.log(`rounds: ${ROUNDS}`);
    console.log(line("Engine API /_ping, direct on the socket", direct));
    console.log(line("server → agent → engine → server", serverSide.slice(-ROUNDS)));
    console.log(line("HTTP → server → agent → engine → HTTP", viaBerth));
    console.log(`ratio (through Berth / direct, p50)             ${ratio.toFixed(1)}×`);
    console.log(`server cold start (migrations, Next, socket.io)  ${coldStartMs.toFixed(0)} ms`);
    console.log(`agent start → enrolled → online                  ${enrolMs.toFixed(0)} ms`);
  } finally {
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    await server.stop();
    await sim.stop();
    await pg.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
