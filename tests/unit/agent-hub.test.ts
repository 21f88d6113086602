import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentHub, type AgentKeyConflict } from "@/lib/hub/agent-hub";
import { AgentEvents, PROTOCOL_VERSION, type HostStatus } from "@/lib/protocol";

const KEY = "k".repeat(32);

let http: HttpServer;
let ioServer: Server;
let hub: AgentHub;
let url: string;
const statuses: HostStatus[] = [];
const conflicts: Array<AgentKeyConflict & { hostId: string }> = [];
const clients: ClientSocket[] = [];

beforeEach(async () => {
  statuses.length = 0;
  conflicts.length = 0;
  http = createServer();
  ioServer = new Server(http);
  hub = new AgentHub(
    {
      authenticate: async (auth) => (auth.hostKey === KEY ? { hostId: auth.hostId } : null),
      onKeyConflict: async (hostId, conflict) => void conflicts.push({ hostId, ...conflict }),
      onConnected: async () => undefined,
      onDisconnected: async () => undefined,
      onEngineInfo: async () => undefined,
      onSample: () => undefined,
    },
    { livenessTimeoutMs: 300 },
  );
  hub.on("status", (s) => statuses.push(s));
  hub.attach(ioServer.of("/agent"));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/agent`;
});

afterEach(async () => {
  for (const c of clients) c.close();
  clients.length = 0;
  await new Promise<void>((resolve) => ioServer.close(() => resolve()));
});

function agent(
  hostId: string,
  auth: Partial<{ hostKey: string; protocolVersion: number }> = {},
  transports: Array<"websocket" | "polling"> = ["websocket"],
) {
  const socket = connect(url, {
    transports,
    reconnection: false,
    auth: { hostId, hostKey: KEY, protocolVersion: PROTOCOL_VERSION, agentVersion: "t", ...auth },
  });
  clients.push(socket);
  return socket;
}

async function connected(socket: ClientSocket): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  // The server registers the socket in the same tick it accepts it; one round trip settles it.
  await new Promise((r) => setTimeout(r, 20));
}

function refusal(socket: ClientSocket): Promise<{ code: string; message: string }> {
  return new Promise((resolve) =>
    socket.once("connect_error", (err) =>
      resolve((err as unknown as { data: { code: string; message: string } }).data),
    ),
  );
}

describe("agent hub", () => {
  it("refuses unknown keys and other protocol versions with a reason the agent can show", async () => {
    expect(await refusal(agent("h1", { hostKey: "x".repeat(32) }))).toEqual({
      code: "UNAUTHENTICATED",
      message: "Unknown or revoked host key.",
    });
    expect(await refusal(agent("h1", { protocolVersion: PROTOCOL_VERSION + 1 }))).toEqual({
      code: "PROTOCOL_MISMATCH",
      message: `Server speaks protocol ${PROTOCOL_VERSION}, agent speaks ${PROTOCOL_VERSION + 1}. Install the agent from this server again.`,
      serverProtocolVersion: PROTOCOL_VERSION,
    });
  });

  it("routes a command to the host's agent and returns its validated result", async () => {
    const socket = agent("h1");
    socket.on(AgentEvents.command, (req: { command: string }, ack: (r: unknown) => void) => {
      ack(
        req.command === "engine.ping"
          ? { ok: true, result: { ok: true } }
          : { ok: false, error: { code: "BAD_REQUEST", message: "no" } },
      );
    });
    await connected(socket);
    expect(hub.isOnline("h1")).toBe(true);
    await expect(hub.call("h1", "engine.ping", {})).resolves.toEqual({ ok: true });
  });

  it("passes the agent's typed error through", async () => {
    const socket = agent("h1");
    socket.on(AgentEvents.command, (_req: unknown, ack: (r: unknown) => void) =>
      ack({
        ok: false,
        error: { code: "ENGINE_UNAVAILABLE", message: "Docker engine not reachable" },
      }),
    );
    await connected(socket);
    await expect(hub.call("h1", "engine.ping", {})).rejects.toMatchObject({
      code: "ENGINE_UNAVAILABLE",
      message: "Docker engine not reachable",
      external: true,
    });
  });

  it("fails at once for an offline host and after the timeout for a silent one", async () => {
    await expect(hub.call("nobody", "engine.ping", {})).rejects.toMatchObject({
      code: "HOST_OFFLINE",
      message: "The host is offline.",
    });
    const socket = agent("h1");
    socket.on(AgentEvents.command, () => undefined);
    await connected(socket);
    await expect(hub.call("h1", "engine.ping", {}, { timeoutMs: 200 })).rejects.toMatchObject({
      code: "TIMEOUT",
      message: "The host did not answer within 0.2 s.",
    });
  });

  it("fails a pending command with HOST_OFFLINE when the agent drops mid-command", async () => {
    const socket = agent("h1");
    socket.on(AgentEvents.command, () => socket.disconnect());
    await connected(socket);
    await expect(hub.call("h1", "engine.ping", {}, { timeoutMs: 10_000 })).rejects.toMatchObject({
      code: "HOST_OFFLINE",
      message: "The host went offline before answering.",
    });
    expect(statuses.map((s) => s.online)).toEqual([true, false]);
  });

  it("passes on valid container life events with their host, and drops malformed ones", async () => {
    const socket = agent("h1");
    const events: unknown[] = [];
    hub.on("containerEvent", (e) => events.push(e));
    await connected(socket);
    socket.emit(AgentEvents.containerEvent, { id: "c1", name: "web", action: "explode", at: 1 });
    socket.emit(AgentEvents.containerEvent, {
      id: "c1",
      name: "web",
      image: "nginx",
      action: "die",
      exitCode: 3,
      requested: false,
      at: 1,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual([
      {
        hostId: "h1",
        event: {
          id: "c1",
          name: "web",
          image: "nginx",
          action: "die",
          exitCode: 3,
          requested: false,
          labels: {},
          at: 1,
        },
      },
    ]);
  });

  it("asks for 1 s samples while someone watches and 10 s after the last one leaves", async () => {
    const socket = agent("h1");
    const intervals: number[] = [];
    socket.on(AgentEvents.metricsInterval, (m: { intervalMs: number }) =>
      intervals.push(m.intervalMs),
    );
    await connected(socket);
    hub.watch("h1");
    hub.watch("h1");
    hub.unwatch("h1");
    hub.unwatch("h1");
    await new Promise((r) => setTimeout(r, 50));
    expect(intervals).toEqual([1000, 10000]);
  });

  it("refuses a second connection with the key while the first answers, and reports it", async () => {
    const first = agent("h1");
    first.on(AgentEvents.command, (_req: unknown, ack: (r: unknown) => void) =>
      ack({ ok: true, result: { ok: true } }),
    );
    await connected(first);
    let firstDropped = false;
    first.once("disconnect", () => (firstDropped = true));
    const impostor = agent("h1");
    const refused = await refusal(impostor);
    expect(refused.code).toBe("KEY_IN_USE");
    await new Promise((r) => setTimeout(r, 100));
    expect(firstDropped).toBe(false);
    expect(first.connected).toBe(true);
    await expect(hub.call("h1", "engine.ping", {})).resolves.toEqual({ ok: true });
    expect(conflicts).toMatchObject([{ hostId: "h1", outcome: "refused" }]);
  });

  it("lets a second connection replace a first that no longer answers, and reports it", async () => {
    const first = agent("h1");
    first.on(AgentEvents.command, () => undefined); // a link that silently went away
    await connected(first);
    const dropped = new Promise<void>((resolve) => first.once("disconnect", () => resolve()));
    const second = agent("h1");
    await connected(second);
    await dropped;
    expect(hub.isOnline("h1")).toBe(true);
    expect(conflicts).toMatchObject([{ hostId: "h1", outcome: "replaced" }]);
  });

  it("decides newcomers with one key one at a time: of several at once, one gets in", async () => {
    const first = agent("h1");
    first.on(AgentEvents.command, () => undefined);
    await connected(first);
    const others = [agent("h1"), agent("h1"), agent("h1")];
    for (const other of others) {
      other.on(AgentEvents.command, (_req: unknown, ack: (r: unknown) => void) =>
        ack({ ok: true, result: { ok: true } }),
      );
    }
    const outcomes = await Promise.all(
      others.map(
        (other) =>
          new Promise<string>((resolve) => {
            other.once("connect", () => resolve("connected"));
            other.once("connect_error", (err) =>
              resolve((err as unknown as { data: { code: string } }).data.code),
            );
          }),
      ),
    );
    expect(outcomes.sort()).toEqual(["KEY_IN_USE", "KEY_IN_USE", "connected"]);
    expect(conflicts.map((c) => c.outcome).sort()).toEqual(["refused", "refused", "replaced"]);
  });

  it("takes agents over a websocket only", async () => {
    const polling = agent("h1", {}, ["polling"]);
    expect(await refusal(polling)).toMatchObject({ code: "PROTOCOL_MISMATCH" });
  });
});
