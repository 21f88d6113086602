import { readFileSync } from "node:fs";
import { Manager } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tarParts } from "@/lib/images/tar";
import { FakeAgent } from "../harness/fake-agent";
import { freePort } from "../harness/ports";
import { startTestPostgres, type TestPostgres } from "../harness/postgres";
import { startServer, type ServerProcess } from "../harness/server";
import { TestSession } from "../harness/session";
import { waitFor } from "../harness/stack";

/**
 * What reaches a host's agent, and who may be that agent: attacks through the /agent namespace
 * and what the server hands an agent, probed with a socket.io client that speaks the agent's
 * side of the protocol (as someone holding a stolen key would).
 */
let pg: TestPostgres;
let server: ServerProcess;
let admin: TestSession;
const ADMIN = { email: "root@example.test", password: "a long enough password" };
const agents: FakeAgent[] = [];

/** A new host enrolled through the API: its id and key, as the agent's state file holds them. */
async function enrolHost(name: string): Promise<{ hostId: string; hostKey: string }> {
  const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
  const { token } = await createEnrollmentToken({ system: "test" }, { hostName: name });
  const res = await fetch(new URL("/api/agent/enroll", server.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, hostname: name, protocolVersion: 1, agentVersion: "test" }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { hostId: string; hostKey: string };
}

function fakeAgent(options: ConstructorParameters<typeof FakeAgent>[0]): FakeAgent {
  const agent = new FakeAgent(options);
  agents.push(agent);
  return agent;
}

async function post(session: TestSession, url: string, body: unknown) {
  return session.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  server = await startServer({ databaseUrl: pg.url, port: await freePort() });
  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({ token: await server.setupToken(), name: "Root", ...ADMIN });
  admin = new TestSession(server.url);
  expect(await admin.login(ADMIN.email, ADMIN.password)).toBe(true);
}, 120_000);

afterAll(async () => {
  for (const agent of agents) agent.close();
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  await server?.stop();
  await pg?.stop();
});

describe("what a host's agent is handed", () => {
  it("a build gets the credentials of the registries its Dockerfile pulls from, no others", async () => {
    const { hostId, hostKey } = await enrolHost("builder");
    const agent = fakeAgent({
      serverUrl: server.url,
      hostId,
      hostKey,
      reply: () => ({
        ok: true,
        result: { imageId: "sha256:1", tags: [], size: 0, layers: 0, cachedSteps: 0, steps: 1 },
      }),
    });
    await agent.connected();
    const registry = (name: string, port: number, password: string) =>
      post(admin, "/api/registries", {
        name,
        kind: "V2_BASIC",
        url: `http://127.0.0.1:${port}`,
        username: name,
        password,
      });
    expect((await registry("base", 5001, "base secret")).status).toBe(201);
    expect((await registry("tools", 5002, "tools secret")).status).toBe(201);
    expect((await registry("unrelated", 5003, "unrelated secret")).status).toBe(201);

    const dockerfile = [
      "ARG BASE=127.0.0.1:5001/team/base:1",
      "FROM --platform=linux/amd64 ${BASE} AS build",
      "FROM build",
      "COPY --from=127.0.0.1:5002/tools:2 /bin/tool /bin/tool",
      "",
    ].join("\n");
    const context = new Blob(
      tarParts([
        { path: "app.txt", data: new TextEncoder().encode("hello") },
        { path: "Dockerfile", data: new TextEncoder().encode(dockerfile) },
      ]) as BlobPart[],
    );
    const res = await admin.fetch(
      `/api/hosts/${hostId}/images/build?options=${encodeURIComponent(JSON.stringify({}))}`,
      { method: "POST", headers: { "content-type": "application/x-tar" }, body: context },
    );
    expect(res.status).toBe(200);
    const build = agent.commands.find((c) => c.command === "image.build");
    const auths = (build?.params as { auths: Array<{ serveraddress: string; password?: string }> })
      .auths;
    expect(auths.map((a) => a.serveraddress).sort()).toEqual(["127.0.0.1:5001", "127.0.0.1:5002"]);
    expect(JSON.stringify(build?.params)).not.toContain("unrelated secret");
    // The context reached the agent whole, though the server read into it.
    expect([...agent.uploads.values()]).toEqual([context.size]);
  });
});

describe("who may be a host's agent", () => {
  it("a connection that no longer answers is replaced by one with the key, and that is audited", async () => {
    const { hostId, hostKey } = await enrolHost("flaky");
    const silent = fakeAgent({ serverUrl: server.url, hostId, hostKey, reply: () => null });
    await silent.connected();
    const dropped = silent.disconnected();
    const next = fakeAgent({ serverUrl: server.url, hostId, hostKey });
    await next.connected();
    expect(await dropped).toBe("io server disconnect");
    expect(silent.commands.map((c) => c.command)).toEqual(["agent.ping"]);
    const { db } = await import("@/lib/db");
    const row = await waitFor("the replacement's audit row", () =>
      db.auditEvent.findFirst({ where: { hostId, action: "host.agent.replaced" } }),
    );
    expect(row.outcome).toBe("SUCCESS");
    expect(row.params).toEqual({ replacedAddress: "127.0.0.1" });
  });
});

/** The server process's resident memory in MiB. */
function serverRss(): number {
  const status = readFileSync(`/proc/${server.pid()}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** Samples the server's RSS while `work` runs: [before, highest]. */
async function rssDuring(work: () => Promise<void>): Promise<[number, number]> {
  const before = serverRss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, serverRss())), 20);
  try {
    await work();
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    clearInterval(timer);
  }
  return [before, Math.max(peak, serverRss())];
}

const MiB = 1024 * 1024;

describe("large messages before authentication", () => {
  it("a 60 MiB websocket message before the handshake is refused without growing the server", async () => {
    const manager = new Manager(server.url, {
      transports: ["websocket"],
      autoConnect: false,
      reconnection: false,
    });
    const closed = new Promise<string>((resolve) =>
      manager.on("close", (reason) => resolve(reason)),
    );
    const [before, peak] = await rssDuring(async () => {
      await new Promise<void>((resolve, reject) =>
        manager.open((err) => (err ? reject(err) : resolve())),
      );
      manager.engine.write("a".repeat(60 * MiB));
      await closed;
    });
    console.log(
      `websocket: server RSS ${before.toFixed(0)} MiB before, ${peak.toFixed(0)} MiB at most`,
    );
    expect(peak - before).toBeLessThan(100);
  });

  it("nor are ten 60 MiB polling posts", async () => {
    const base = new URL("/socket.io/?EIO=4&transport=polling", server.url);
    const sids = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const open = await (await fetch(base)).text();
        return (JSON.parse(open.slice(1)) as { sid: string }).sid;
      }),
    );
    const payload = Buffer.alloc(60 * MiB, 0x61);
    payload[0] = 0x34; // an engine.io "message" packet: "4aaaa…"
    const statuses: Array<number | string> = [];
    const [before, peak] = await rssDuring(async () => {
      await Promise.all(
        sids.map(async (sid) => {
          const url = new URL(base);
          url.searchParams.set("sid", sid);
          try {
            const res = await fetch(url, {
              method: "POST",
              headers: { "content-type": "text/plain;charset=UTF-8" },
              body: payload,
              signal: AbortSignal.timeout(30_000),
            });
            statuses.push(res.status);
            await res.body?.cancel();
          } catch (err) {
            statuses.push((err as Error).name);
          }
        }),
      );
    });
    console.log(
      `polling: server RSS ${before.toFixed(0)} MiB before, ${peak.toFixed(0)} MiB at most; answers ${statuses.join(" ")}`,
    );
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    expect(peak - before).toBeLessThan(100);
  });

  it("an authenticated agent still sends large messages: a snapshot of 8000 containers", async () => {
    const { hostId, hostKey } = await enrolHost("crowded");
    const agent = fakeAgent({ serverUrl: server.url, hostId, hostKey });
    await agent.connected();
    const containers = Array.from({ length: 8000 }, (_, i) => ({
      id: i.toString(16).padStart(64, "0"),
      name: `c-${i}`,
      image: "busybox",
      imageId: `sha256:${"0".repeat(64)}`,
      command: "sleep 3600",
      createdAt: 0,
      state: "running",
      status: "Up",
      health: "none",
      ports: [],
      labels: { "com.example.description": "x".repeat(800) },
      networks: ["bridge"],
      cpuPercent: null,
      memoryBytes: null,
    }));
    expect(JSON.stringify(containers).length).toBeGreaterThan(8 * MiB);
    agent.socket.emit("containers.snapshot", containers);
    const total = await waitFor("the snapshot in the container list", async () => {
      const res = await admin.fetch(`/api/containers?host=${hostId}&limit=1`);
      const page = (await res.json()) as { total: number };
      return page.total > 0 ? page.total : null;
    });
    expect(total).toBe(8000);
    expect(agent.socket.connected).toBe(true);
  });
});
