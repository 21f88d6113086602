import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Socket } from "socket.io-client";
import type { UiSocket } from "@/components/ui/use-ui-socket";
import type { UiAnsweredEvent, UiReply, UiRequestParams } from "@/lib/protocol";
import { startAgent, type AgentProcess } from "./agent";
import { startHosts, type SimHost, type SimHosts, type StartHostsOptions } from "./hosts";
import { freePort } from "./ports";
import { startTestPostgres, type TestPostgres } from "./postgres";
import { startServer, type ServerProcess } from "./server";
import { TestSession } from "./session";

export const STACK_PASSWORD = "a long enough password";

export type HostRole = "VIEWER" | "OPERATOR" | "DEPLOYER" | "HOST_ADMIN";

/** One server, simulated hosts with enrolled agents and a signed-in admin, for one test file. */
export type Stack = {
  pg: TestPostgres;
  sim: SimHosts;
  server: ServerProcess;
  admin: TestSession;
  agents: AgentProcess[];
  hosts: SimHost[];
  hostIds: string[];
  stateDir: string;
  stop(): Promise<void>;
};

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startStack(
  opts: {
    hosts?: number;
    env?: Record<string, string>;
    hostOptions?: StartHostsOptions;
    /** Enrol an agent on every host (default); false leaves the hosts bare, e.g. for SSH onboarding. */
    agents?: boolean;
  } = {},
): Promise<Stack> {
  const [pg, sim] = await Promise.all([
    startTestPostgres(),
    startHosts(opts.hosts ?? 1, opts.hostOptions),
  ]);
  process.env.DATABASE_URL = pg.url;
  const server = await startServer({
    databaseUrl: pg.url,
    port: await freePort(sim.gatewayIp),
    host: sim.gatewayIp,
    env: opts.env,
  });
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "berth-stack-"));
  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({
    token: await server.setupToken(),
    name: "Root",
    email: "root@example.test",
    password: STACK_PASSWORD,
  });
  const admin = new TestSession(server.url);
  if (!(await admin.login("root@example.test", STACK_PASSWORD))) throw new Error("admin login");
  const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
  const agents: AgentProcess[] = [];
  for (const host of opts.agents === false ? [] : sim.hosts) {
    const { token } = await createEnrollmentToken({ system: "test" }, { hostName: host.name });
    agents.push(
      await startAgent({
        host,
        serverUrl: server.url,
        enrollToken: token,
        statePath: path.join(stateDir, `${host.name}.json`),
        // the agents run on the server's machine: they guard its data as a local agent does
        env: { BERTH_AGENT_PROTECT: server.dataDir },
      }),
    );
  }
  const listed = await waitFor("hosts online", async () => {
    const body = (await (await admin.fetch("/api/hosts")).json()) as {
      hosts: Array<{ id: string; name: string; online: boolean }>;
    };
    return body.hosts.filter((h) => h.online).length === agents.length ? body.hosts : null;
  });
  const hostIds = agents.map((a) => listed.find((l) => l.name === a.host!.name)!.id);
  return {
    pg,
    sim,
    server,
    admin,
    agents,
    hosts: sim.hosts,
    hostIds,
    stateDir,
    async stop() {
      for (const agent of agents) await agent.kill();
      await server.stop();
      await sim.stop();
      const { disconnectDb } = await import("@/lib/db");
      await disconnectDb();
      await pg.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * A user signed in over HTTP with `role` on the given hosts, granted through a team of their own
 * (so tests can take the role away by leaving the team or changing the grant).
 */
export async function createUserSession(
  stack: Stack,
  email: string,
  grants: Array<{ hostId: string; role: HostRole }>,
): Promise<{ session: TestSession; userId: string; teamId: string }> {
  const { db } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/passwords");
  const user = await db.user.create({
    data: { email, name: email, passwordHash: await hashPassword(STACK_PASSWORD) },
  });
  const team = await db.team.create({
    data: { name: `team-${email}`, members: { create: { userId: user.id } } },
  });
  for (const grant of grants) {
    await db.hostAccess.create({
      data: { hostId: grant.hostId, teamId: team.id, role: grant.role },
    });
  }
  const session = new TestSession(stack.server.url);
  if (!(await session.login(email, STACK_PASSWORD))) throw new Error(`login ${email}`);
  return { session, userId: user.id, teamId: team.id };
}

export async function connected(socket: UiSocket): Promise<UiSocket> {
  if (socket.connected) return socket;
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Sends a /ui request and waits for the server's answer. */
export async function request<E extends UiAnsweredEvent>(
  socket: UiSocket,
  event: E,
  params: UiRequestParams<E>,
): Promise<UiReply<E>> {
  // socket.io's types cannot follow a generic event name; the signature above keeps callers typed
  const untyped = socket as unknown as Socket;
  return (await untyped.timeout(15_000).emitWithAck(event, params)) as UiReply<E>;
}

/** The answer to a /ui request the server must accept; a refusal fails with the server's words. */
export async function accepted<E extends UiAnsweredEvent>(
  socket: UiSocket,
  event: E,
  params: UiRequestParams<E>,
): Promise<Extract<UiReply<E>, { ok: true }>> {
  const reply = await request(socket, event, params);
  if (!reply.ok) throw new Error(`${event} refused: ${reply.error.code} ${reply.error.message}`);
  return reply;
}
