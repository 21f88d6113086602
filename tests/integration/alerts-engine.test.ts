import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UiSocket } from "@/components/ui/use-ui-socket";
import { UiEvents, type AlertCondition, type AlertScope, type UiPushPayload } from "@/lib/protocol";
import { startAgent } from "../harness/agent";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import {
  accepted,
  connected,
  createUserSession,
  startStack,
  waitFor,
  type Stack,
} from "../harness/stack";

/**
 * The alert engine against a real engine and agent: rules are AlertRule rows (the server reloads
 * them every 500 ms), alerts are AlertEvent rows, and a signed-in user's tab is told.
 */
let stack: Stack;
let host: SimHost;
let hostId = "";
let db: typeof import("@/lib/db").db;
let adminUi: UiSocket;
let viewerUi: UiSocket;
let mutedUi: UiSocket;
let strangerUi: UiSocket;
let mutedUserId = "";

type Notification = UiPushPayload<"alert.notification">;
const received = new Map<UiSocket, Notification[]>();

function collect(socket: UiSocket): UiSocket {
  received.set(socket, []);
  socket.on(UiEvents.alertNotification, (payload) => received.get(socket)!.push(payload));
  return socket;
}

const notes = (socket: UiSocket, ruleId: string) =>
  received.get(socket)!.filter((n) => n.event.ruleId === ruleId);

async function createRule(
  name: string,
  condition: AlertCondition,
  scope: Partial<AlertScope> = {},
): Promise<string> {
  const rule = await db.alertRule.create({
    data: {
      name,
      kind: condition.kind,
      severity: "critical",
      condition,
      scope: { hostIds: [hostId], hostGroupIds: [], labels: [], ...scope },
    },
  });
  return rule.id;
}

const eventsOf = (ruleId: string) =>
  db.alertEvent.findMany({ where: { ruleId }, orderBy: { firedAt: "asc" } });

/** Waits for the rule's single event (and that no second one follows). */
async function firedOnce(ruleId: string, timeoutMs = 30_000) {
  const [event] = await waitFor(
    `an alert of ${ruleId}`,
    async () => {
      const events = await eventsOf(ruleId);
      return events.length > 0 ? events : null;
    },
    timeoutMs,
  );
  return event!;
}

beforeAll(async () => {
  stack = await startStack({ env: { BERTH_ALERT_RULES_RELOAD_MS: "500" } });
  host = stack.hosts[0]!;
  hostId = stack.hostIds[0]!;
  ({ db } = await import("@/lib/db"));
  const viewer = await createUserSession(stack, "viewer@example.test", [
    { hostId, role: "VIEWER" },
  ]);
  const muted = await createUserSession(stack, "muted@example.test", [{ hostId, role: "VIEWER" }]);
  const stranger = await createUserSession(stack, "stranger@example.test", []);
  adminUi = await connected(collect(stack.admin.uiSocket()));
  viewerUi = await connected(collect(viewer.session.uiSocket()));
  strangerUi = await connected(collect(stranger.session.uiSocket()));
  mutedUi = await connected(collect(muted.session.uiSocket()));
  mutedUserId = muted.userId;
  // host samples every second while someone watches
  await accepted(adminUi, UiEvents.metricsSubscribe, { hostId });
}, 180_000);

afterAll(async () => {
  for (const socket of received.keys()) socket.close();
  await stack?.stop();
});

describe("alert engine", () => {
  it("a host over a CPU threshold fires once and resolves once after the load stops", async () => {
    const idle: number[] = [];
    const stopIdle = (() => {
      const listener = (payload: UiPushPayload<"host.metrics.sample">) => {
        if (payload.hostId === hostId) idle.push(payload.sample.cpuPercent);
      };
      adminUi.on(UiEvents.metricsSample, listener);
      return () => adminUi.off(UiEvents.metricsSample, listener);
    })();
    await waitFor("5 idle samples", () => idle.length >= 5, 20_000);
    stopIdle();
    // two busy loops hold both cores near 100%; one sample below ends it (the machine is shared)
    const threshold = Math.round(Math.min(92, Math.max(60, Math.max(...idle) + 10)));
    const ruleId = await createRule("CPU busy", {
      kind: "host_metric",
      metric: "cpuPercent",
      op: "above",
      threshold,
      forSeconds: 3,
    });
    await db.alertPreference.create({ data: { userId: mutedUserId, ruleId, inApp: false } });
    await new Promise((r) => setTimeout(r, 1_500));
    await host.docker([
      "run",
      "-d",
      "--name",
      "burner",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      "while :; do :; done & while :; do :; done",
    ]);
    let fired;
    try {
      fired = await firedOnce(ruleId, 60_000);
      await new Promise((r) => setTimeout(r, 3_000));
    } finally {
      await host.docker(["rm", "-f", "burner"]);
    }
    expect(fired.message).toMatch(
      new RegExp(`^CPU \\d+% for 3 s on ${host.name} \\(above ${threshold}%\\)$`),
    );
    expect(fired).toMatchObject({
      subject: `host:${hostId}`,
      hostName: host.name,
      severity: "critical",
    });
    const [resolved] = await waitFor(
      "the CPU alert resolved",
      async () => {
        const events = await eventsOf(ruleId);
        return events.every((e) => e.resolvedAt) ? events : null;
      },
      90_000,
    );
    expect(resolved!.resolvedMessage).toMatch(/^CPU back to \d+% /);
    expect(await eventsOf(ruleId)).toHaveLength(1);

    await waitFor(
      "fired and resolved in the viewer's tab",
      () => notes(viewerUi, ruleId).length === 2,
    );
    expect(notes(viewerUi, ruleId).map((n) => [n.trigger, n.event.id])).toEqual([
      ["fired", fired.id],
      ["resolved", fired.id],
    ]);
    expect(notes(viewerUi, ruleId)[0]!.event.message).toBe(fired.message);
    expect(notes(adminUi, ruleId)).toHaveLength(2);
    expect(notes(mutedUi, ruleId)).toHaveLength(0);
    expect(notes(strangerUi, ruleId)).toHaveLength(0);
  }, 180_000);

  it("an OOM-killed container, an unhealthy one, a restart loop and a non-zero exit each fire", async () => {
    const oom = await createRule(
      "Out of memory",
      { kind: "container_oom" },
      {
        containerNamePattern: "oomer",
      },
    );
    const sick = await createRule(
      "Unhealthy",
      { kind: "container_unhealthy", forSeconds: 0 },
      {
        containerNamePattern: "sick*",
      },
    );
    const loop = await createRule(
      "Restart loop",
      {
        kind: "container_restarts",
        count: 2,
        windowMinutes: 5,
      },
      { containerNamePattern: "looper" },
    );
    const exit = await createRule(
      "Crashed",
      { kind: "container_exit", ignoreExitCodes: [] },
      {
        labels: [{ key: "alerts", value: "exit" }],
      },
    );
    await new Promise((r) => setTimeout(r, 1_500));
    const run = (args: string[]) => host.docker(["run", "-d", ...args]);
    await Promise.all([
      // allocating at once can be killed before the engine follows the container's OOM events
      run([
        "--name",
        "oomer",
        "--memory",
        "8m",
        "--memory-swap",
        "8m",
        BUSYBOX_IMAGE,
        "sh",
        "-c",
        "sleep 1; tail /dev/zero",
      ]),
      run([
        "--name",
        "sick",
        "--health-cmd",
        "false",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        BUSYBOX_IMAGE,
        "sleep",
        "600",
      ]),
      run(["--name", "looper", "--restart", "always", BUSYBOX_IMAGE, "sh", "-c", "exit 1"]),
      run([
        "--name",
        "exiter",
        "--label",
        "alerts=exit",
        BUSYBOX_IMAGE,
        "sh",
        "-c",
        "sleep 1; exit 3",
      ]),
      run(["--name", "killed", "--label", "alerts=exit", BUSYBOX_IMAGE, "sleep", "600"]),
    ]);
    // killed through the engine: asked for, not a crash
    await host.docker(["kill", "killed"]);

    const oomEvent = await firedOnce(oom);
    expect(oomEvent).toMatchObject({
      subject: `container:${hostId}/oomer`,
      containerName: "oomer",
      message: "oomer was killed: out of memory",
      resolvedAt: null,
    });
    const sickEvent = await firedOnce(sick);
    expect(sickEvent.message).toBe("sick is unhealthy");
    const loopEvent = await firedOnce(loop);
    expect(loopEvent.message).toBe("looper restarted 3 times in 5 minutes");
    const exitEvent = await firedOnce(exit);
    expect(exitEvent.message).toBe("exiter exited with code 3");
    expect(exitEvent.details).toMatchObject({ exitCode: 3 });

    await new Promise((r) => setTimeout(r, 2_000));
    for (const ruleId of [oom, sick, loop, exit]) {
      const events = await eventsOf(ruleId);
      expect(events, ruleId).toHaveLength(1);
      expect(events[0]!.resolvedAt, ruleId).toBeNull();
      await waitFor(`${ruleId} in the viewer's tab`, () =>
        notes(viewerUi, ruleId).some((n) => n.trigger === "fired"),
      );
    }

    // an unhealthy container stops being a problem once it stops
    await host.docker(["rm", "-f", "sick", "looper"]);
    await waitFor("unhealthy resolved", async () => (await eventsOf(sick))[0]!.resolvedAt);
    expect((await eventsOf(sick))[0]!.resolvedMessage).toBe("sick stopped");
  }, 120_000);

  it("a log line matching a pattern fires with the line in its details and reaches a signed webhook", async () => {
    const bodies: Array<{ body: string; timestamp: string; signature: string }> = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        bodies.push({
          body,
          timestamp: String(req.headers["x-berth-timestamp"]),
          signature: String(req.headers["x-berth-signature"]),
        });
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const secret = "the webhook's signing key";
    const created = await stack.admin.fetch("/api/alerts/channels", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "Log hook",
        settings: {
          type: "webhook",
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
          secret,
        },
      }),
    });
    expect(created.status).toBe(201);
    const channelId = ((await created.json()) as { id: string }).id;
    const ruleId = await createRule(
      "Errors",
      {
        kind: "log_pattern",
        pattern: "ERROR \\d+",
        ignoreCase: false,
        stream: "stderr",
        quietSeconds: 10,
      },
      { containerNamePattern: "talker" },
    );
    await db.alertRuleChannel.create({ data: { ruleId, channelId } });
    await new Promise((r) => setTimeout(r, 1_500));
    await host.docker([
      "run",
      "-d",
      "--name",
      "talker",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      'i=0; while :; do i=$((i+1)); echo "ERROR $i on stdout"; echo "ERROR $i" >&2; sleep 1; done',
    ]);
    const event = await firedOnce(ruleId);
    expect(event.message).toMatch(/^Line matched \/ERROR \\d\+\/ in talker: ERROR \d+$/);
    expect(event.details).toMatchObject({
      stream: "stderr",
      line: expect.stringMatching(/^ERROR \d+$/),
    });
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await eventsOf(ruleId)).toHaveLength(1);
    await host.docker(["rm", "-f", "talker"]);
    await waitFor("quiet for 10 s", async () => (await eventsOf(ruleId))[0]!.resolvedAt, 30_000);

    // the channel got the firing and the resolution, each signed with the channel's key
    await waitFor("both deliveries", () => bodies.length === 2, 30_000);
    receiver.close();
    const triggers = bodies.map((b) => {
      const expected = createHmac("sha256", secret)
        .update(`${b.timestamp}.${b.body}`)
        .digest("hex");
      expect(b.signature).toBe(`sha256=${expected}`);
      const note = JSON.parse(b.body) as {
        trigger: string;
        event: { id: string; message: string };
      };
      expect(note.event.id).toBe(event.id);
      return note.trigger;
    });
    expect(triggers).toEqual(["fired", "resolved"]);
    const sent = await db.alertDelivery.findMany({ where: { eventId: event.id } });
    expect(sent.map((d) => [d.trigger, d.status]).sort()).toEqual([
      ["fired", "sent"],
      ["resolved", "sent"],
    ]);
  }, 90_000);

  it("a host whose agent is killed goes offline, fires, and resolves when the agent is back", async () => {
    const ruleId = await createRule("Host down", { kind: "host_offline", forSeconds: 2 });
    await new Promise((r) => setTimeout(r, 1_500));
    const agent = stack.agents[0]!;
    process.kill(agent.pid, "SIGKILL");
    await agent.exited;
    const event = await firedOnce(ruleId);
    expect(event.message).toMatch(new RegExp(`^${host.name} has been offline for \\d+ s$`));
    stack.agents[0] = await startAgent({
      host,
      serverUrl: stack.server.url,
      statePath: path.join(stack.stateDir, `${host.name}.json`),
      env: { BERTH_AGENT_PROTECT: stack.server.dataDir },
    });
    await waitFor(
      "offline alert resolved",
      async () => (await eventsOf(ruleId))[0]!.resolvedAt,
      60_000,
    );
    const events = await eventsOf(ruleId);
    expect(events).toHaveLength(1);
    expect(events[0]!.resolvedMessage).toBe(`${host.name} is back online`);
    await waitFor("both in the viewer's tab", () => notes(viewerUi, ruleId).length === 2);
  }, 120_000);
  it("a server restart neither fires an open alert twice nor forgets to resolve it", async () => {
    const ruleId = await createRule(
      "Crash across a restart",
      { kind: "container_exit", ignoreExitCodes: [] },
      { containerNamePattern: "crasher" },
    );
    await new Promise((r) => setTimeout(r, 1_500));
    // the agent restarted in the test before: its live list showing the container proves it
    // follows the engine's events again before the container exits
    await host.docker([
      "run",
      "-d",
      "--name",
      "crasher",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      "sleep 3; exit 4",
    ]);
    await waitFor(
      "the crasher in the live list",
      async () => {
        const body = (await (await stack.admin.fetch("/api/containers?q=crasher")).json()) as {
          items: Array<{ name: string }>;
        };
        return body.items.some((c) => c.name === "crasher");
      },
      30_000,
    );
    const event = await firedOnce(ruleId);
    expect(event.message).toBe("crasher exited with code 4");

    await stack.server.restart();
    await waitFor(
      "the host online again",
      async () => {
        const body = (await (await stack.admin.fetch("/api/hosts")).json()) as {
          hosts: Array<{ id: string; online: boolean }>;
        };
        return body.hosts.find((h) => h.id === hostId)?.online;
      },
      60_000,
    );
    // several reloads and the agent's fresh container list: the exited container still is
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await eventsOf(ruleId)).toMatchObject([{ id: event.id, resolvedAt: null }]);
    // reconnecting within the start grace is no outage
    expect(await db.alertEvent.count({ where: { ruleName: "Host down" } })).toBe(1);

    await host.docker(["rm", "-f", "crasher"]);
    await waitFor(
      "resolved after the restart",
      async () => (await eventsOf(ruleId))[0]!.resolvedAt,
    );
    const events = await eventsOf(ruleId);
    expect(events).toHaveLength(1);
    expect(events[0]!.resolvedMessage).toBe("crasher was removed");
  }, 120_000);
});
