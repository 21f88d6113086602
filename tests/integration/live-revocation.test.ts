import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UiSocket } from "@/components/ui/use-ui-socket";
import { UiEvents } from "@/lib/protocol";
import { BUSYBOX_IMAGE } from "../harness/hosts";
import {
  accepted,
  connected,
  createUserSession,
  request,
  startStack,
  waitFor,
  type Stack,
} from "../harness/stack";

/**
 * Taking access away reaches sockets that are already open: rooms are left and log, stats and
 * terminal streams of the host are ended with a reason within 5 s; a disabled user is cut off.
 * Changes go through the HTTP routes, and the periodic check is set far apart (60 s), so what
 * arrives within seconds was sent by the services that changed access.
 */
let stack: Stack;
let hostId = "";

type Events = {
  logEnds: Array<{ subscriptionId: string; reason: string; message?: string }>;
  statsEnds: Array<{ subscriptionId: string; message?: string }>;
  execExits: Array<{ sessionId: string; error?: string }>;
  changes: Array<{ hostId: string }>;
  sessionEnded: number;
};

function record(socket: UiSocket): Events {
  const events: Events = {
    logEnds: [],
    statsEnds: [],
    execExits: [],
    changes: [],
    sessionEnded: 0,
  };
  socket.on(UiEvents.logsBatch, (_b, done) => done());
  socket.on(UiEvents.logsEnd, (e) => events.logEnds.push(e));
  socket.on(UiEvents.statsEnd, (e) => events.statsEnds.push(e));
  socket.on(UiEvents.execExit, (e) => events.execExits.push(e));
  socket.on(UiEvents.containersChanged, (e) => events.changes.push(e));
  socket.on(UiEvents.sessionEnded, () => (events.sessionEnded += 1));
  return events;
}

/** Opens a followed log, a stats stream and a terminal on the talker container. */
async function openStreams(socket: UiSocket, withExec: boolean) {
  const logs = await accepted(socket, UiEvents.logsSubscribe, {
    hostId,
    options: { id: "talker", follow: true, tail: 5 },
  });
  const stats = await accepted(socket, UiEvents.statsSubscribe, { hostId, containerId: "talker" });
  let sessionId = "";
  if (withExec) {
    const exec = await accepted(socket, UiEvents.execStart, {
      hostId,
      id: "talker",
      cmd: ["sh"],
      cols: 80,
      rows: 24,
    });
    sessionId = exec.sessionId;
  }
  return { logId: logs.subscriptionId, statsId: stats.subscriptionId, sessionId };
}

/** Whether an interactive `sh` (a terminal session) runs in the talker container. */
async function hasShell(): Promise<boolean> {
  const top = await stack.hosts[0]!.docker(["top", "talker", "-o", "pid,args"]);
  return top.stdout.split("\n").some((line) => /^\s*\d+\s+sh\s*$/.test(line));
}

/** Starts a container and reports whether its event reached the socket within 1.5 s. */
async function containerEventArrives(events: Events, name: string): Promise<boolean> {
  const before = events.changes.length;
  await stack.hosts[0]!.docker(["run", "-d", "--name", name, BUSYBOX_IMAGE, "sleep", "600"]);
  const seen = () => events.changes.slice(before).some((c) => c.hostId === hostId);
  return waitFor("the container's event", seen, 1500).catch(() => false);
}

/** An administrator's change through the HTTP API. */
async function adminCall(url: string, method: string, body?: unknown): Promise<void> {
  const res = await stack.admin.fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1, env: { BERTH_ACCESS_RECHECK_MS: "60000" } });
  hostId = stack.hostIds[0]!;
  await stack.hosts[0]!.docker([
    "run",
    "-d",
    "--name",
    "talker",
    BUSYBOX_IMAGE,
    "sh",
    "-c",
    "while :; do echo tick; sleep 0.2; done",
  ]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("live revocation", () => {
  it("ends a removed team member's streams and room within 5 s", async () => {
    const { session, userId, teamId } = await createUserSession(stack, "ops@example.test", [
      { hostId, role: "OPERATOR" },
    ]);
    const socket = await connected(session.uiSocket());
    const events = record(socket);
    const ids = await openStreams(socket, true);
    expect(await hasShell()).toBe(true);
    expect(await containerEventArrives(events, "seen-1")).toBe(true);

    const removedAt = Date.now();
    await adminCall(`/api/teams/${teamId}/members/${userId}`, "DELETE");

    await waitFor(
      "every stream ended",
      () =>
        events.logEnds.some((e) => e.subscriptionId === ids.logId) &&
        events.statsEnds.some((e) => e.subscriptionId === ids.statsId) &&
        events.execExits.some((e) => e.sessionId === ids.sessionId),
      5000,
    );
    expect(Date.now() - removedAt).toBeLessThan(5000);
    const message = "Your access to this host was removed.";
    expect(events.logEnds.find((e) => e.subscriptionId === ids.logId)).toMatchObject({
      reason: "error",
      message,
    });
    expect(events.statsEnds.find((e) => e.subscriptionId === ids.statsId)?.message).toBe(message);
    expect(events.execExits.find((e) => e.sessionId === ids.sessionId)?.error).toBe(message);
    await waitFor("the terminal's shell gone from the host", async () => !(await hasShell()), 5000);
    expect(await containerEventArrives(events, "unseen-1")).toBe(false);
    // The socket itself stays: the user is still signed in, and new requests are refused.
    expect(socket.connected).toBe(true);
    const again = await request(socket, UiEvents.logsSubscribe, {
      hostId,
      options: { id: "talker", follow: true, tail: 5 },
    });
    expect(again).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    socket.close();
  });

  it("closes only the terminal when a role is lowered to viewer", async () => {
    const { session, teamId } = await createUserSession(stack, "lowered@example.test", [
      { hostId, role: "OPERATOR" },
    ]);
    const socket = await connected(session.uiSocket());
    const events = record(socket);
    const ids = await openStreams(socket, true);
    // Granting the team's existing grant again with another role changes that role.
    await adminCall(`/api/hosts/${hostId}/access`, "POST", { teamId, role: "VIEWER" });
    await waitFor(
      "terminal closed",
      () => events.execExits.some((e) => e.sessionId === ids.sessionId),
      5000,
    );
    // Logs and stats need only VIEWER: the same check left them open, and another one does too.
    await adminCall(`/api/hosts/${hostId}/access`, "POST", { teamId, role: "VIEWER" });
    expect(await containerEventArrives(events, "seen-2")).toBe(true);
    expect(events.logEnds).toEqual([]);
    expect(events.statsEnds).toEqual([]);
    socket.close();
  });

  it("gives a new grant's host events to an open socket", async () => {
    const { session, teamId } = await createUserSession(stack, "late@example.test", []);
    const socket = await connected(session.uiSocket());
    const events = record(socket);
    expect(await containerEventArrives(events, "unseen-3")).toBe(false);
    await adminCall(`/api/hosts/${hostId}/access`, "POST", { teamId, role: "VIEWER" });
    let attempt = 0;
    await waitFor(
      "host events on the open socket",
      () => containerEventArrives(events, `seen-3-${attempt++}`),
      5000,
    );
    socket.close();
  });

  it("takes a demoted administrator out of every host room they have no grant on", async () => {
    const { session, userId } = await createUserSession(stack, "former-admin@example.test", []);
    const { db } = await import("@/lib/db");
    await db.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
    const socket = await connected(session.uiSocket());
    const events = record(socket);
    expect(await containerEventArrives(events, "seen-4")).toBe(true);
    await adminCall(`/api/users/${userId}`, "PATCH", { role: "USER" });
    await waitFor(
      "the demoted admin's socket out of the host room",
      async () => !(await containerEventArrives(events, `unseen-4-${Date.now()}`)),
      5000,
    );
    const refused = await request(socket, UiEvents.statsSubscribe, {
      hostId,
      containerId: "talker",
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    socket.close();
  });

  it("disconnects a disabled user's sockets within 5 s", async () => {
    const { session, userId } = await createUserSession(stack, "gone@example.test", [
      { hostId, role: "OPERATOR" },
    ]);
    const socket = await connected(session.uiSocket());
    const events = record(socket);
    const ids = await openStreams(socket, true);
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    const disabledAt = Date.now();
    await adminCall(`/api/users/${userId}`, "PATCH", { disabled: true });
    expect(await disconnected).toBe("io server disconnect");
    expect(Date.now() - disabledAt).toBeLessThan(5000);
    expect(events.sessionEnded).toBe(1);
    expect(ids.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await waitFor("the terminal's shell gone from the host", async () => !(await hasShell()), 5000);
    const reconnect = session.uiSocket();
    await expect(connected(reconnect)).rejects.toThrow("Sign in to continue.");
    reconnect.close();
  });
});
