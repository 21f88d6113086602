/**
 * Benchmark: the fleet container list with thousands of containers. One simulated host gets
 * BENCH_CONTAINERS (default 5000) created containers; then a page of the list through Berth
 * (HTTP → server's live cache, filtered, sorted, paged) is timed next to the Engine API's own
 * full list on the host's socket, and the time for a new container to appear in the list.
 */
import http from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startAgent } from "../harness/agent";
import { BUSYBOX_IMAGE, startHosts } from "../harness/hosts";
import { freePort } from "../harness/ports";
import { startTestPostgres } from "../harness/postgres";
import { startServer } from "../harness/server";
import { TestSession } from "../harness/session";

const COUNT = Number(process.env.BENCH_CONTAINERS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function engine(
  socketPath: string,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        socketPath,
        path: urlPath,
        method,
        headers: body ? { "content-type": "application/json" } : {},
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () =>
          (res.statusCode ?? 500) < 300
            ? resolve(text)
            : reject(new Error(`${res.statusCode} ${text}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function timed(fn: () => Promise<unknown>, rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const fmt = (name: string, v: number[]) =>
  `${name.padEnd(52)} p50 ${percentile(v, 50).toFixed(1)} ms   p99 ${percentile(v, 99).toFixed(1)} ms`;

export async function run(): Promise<void> {
  const [pg, sim] = await Promise.all([startTestPostgres(), startHosts(1)]);
  const host = sim.hosts[0]!;
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "berth-bench-list-"));
  process.env.DATABASE_URL = pg.url;
  const server = await startServer({
    databaseUrl: pg.url,
    port: await freePort(sim.gatewayIp),
    host: sim.gatewayIp,
  });
  try {
    const c0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < COUNT) {
          const i = next++;
          await engine(host.dockerSocket, "POST", `/containers/create?name=bench-${i}`, {
            Image: BUSYBOX_IMAGE,
            Cmd: ["true"],
            Labels: { bench: String(i % 10) },
          });
        }
      }),
    );
    console.log(`created ${COUNT} containers in ${((performance.now() - c0) / 1000).toFixed(1)} s`);

    const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
    const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
    const admin = { email: "bench@example.test", password: "benchmark password" };
    await createFirstAdmin({ token: await server.setupToken(), name: "Bench", ...admin });
    const session = new TestSession(server.url);
    if (!(await session.login(admin.email, admin.password))) throw new Error("login failed");
    const { token } = await createEnrollmentToken({ system: "bench" }, { hostName: "bench" });
    const a0 = performance.now();
    const agent = await startAgent({
      host,
      serverUrl: server.url,
      enrollToken: token,
      statePath: path.join(stateDir, "s.json"),
    });
    const page = async (query: string) => {
      const res = await session.fetch(`/api/containers?limit=200${query}`);
      return (await res.json()) as { total: number };
    };
    while ((await page("")).total < COUNT) await new Promise((r) => setTimeout(r, 50));
    console.log(
      `agent start → all ${COUNT} containers listed: ${(performance.now() - a0).toFixed(0)} ms`,
    );

    const direct = await timed(
      () => engine(host.dockerSocket, "GET", "/containers/json?all=1"),
      Math.min(ROUNDS, 20),
    );
    const byName = await timed(() => page("&sort=name&offset=2400"), ROUNDS);
    const filtered = await timed(
      () => page("&q=bench-4&label=bench%3D3&sort=created&dir=desc"),
      ROUNDS,
    );
    console.log(fmt(`Engine API: list all ${COUNT} (direct, unix socket)`, direct));
    console.log(fmt("Berth: page of 200, sorted by name (HTTP)", byName));
    console.log(fmt("Berth: name + label filter, sorted by created (HTTP)", filtered));

    const e0 = performance.now();
    await engine(host.dockerSocket, "POST", "/containers/create?name=late-arrival", {
      Image: BUSYBOX_IMAGE,
      Cmd: ["true"],
    });
    while ((await page("&q=late-arrival")).total === 0) await new Promise((r) => setTimeout(r, 10));
    console.log(
      `new container created on the host → in Berth's list: ${(performance.now() - e0).toFixed(0)} ms`,
    );
    await agent.kill();
  } finally {
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    await server.stop();
    await sim.stop();
    await pg.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
