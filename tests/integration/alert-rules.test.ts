import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertEventView, AlertRuleView } from "@/lib/protocol";
import type { AlertEventPage } from "@/lib/services/alerts/list-alert-events";
import type { AlertPreferenceRow } from "@/lib/services/alerts/get-alert-preferences";
import { UiEvents } from "@/lib/protocol";
import type { TestSession } from "../harness/session";
import {
  connected,
  createUserSession,
  startStack,
  waitFor,
  type HostRole,
  type Stack,
} from "../harness/stack";

/**
 * Alert rules, alerts and preferences through /api/v1 with API tokens: who may make and change
 * a rule for which hosts, who reads it, what each user sees of the alert history.
 */
let stack: Stack;
let hostA = "";
let hostB = "";
/** API tokens by who holds them. */
const tokens = { admin: "", hostAdmin: "", viewer: "", stranger: "" };
let groupOfA = "";
let groupOfBoth = "";
let emailChannel = "";

type Who = keyof typeof tokens;
/** Browser sessions of the users above (the admin's is the stack's). */
const sessions = new Map<Who, TestSession>();

async function api(who: Who, path: string, method = "GET", body?: unknown): Promise<Response> {
  return fetch(new URL(`/api/v1${path}`, stack.server.url), {
    method,
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function refused(
  res: Response,
): Promise<{ status: number; field?: string; message: string }> {
  const body = (await res.json()) as { error: { field?: string; message: string } };
  return { status: res.status, field: body.error.field, message: body.error.message };
}

const exitRule = (name: string, hostIds: string[], extra: Record<string, unknown> = {}) => ({
  name,
  severity: "critical",
  condition: { kind: "container_exit", ignoreExitCodes: [143] },
  scope: { hostIds, hostGroupIds: [] },
  ...extra,
});

async function tokenFor(userId: string): Promise<string> {
  const { db } = await import("@/lib/db");
  const { createApiToken } = await import("@/lib/services/tokens/create-api-token");
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return (await createApiToken(user, { name: "alerts", expiresInDays: 1 })).token;
}

async function userWith(
  who: Who,
  email: string,
  grants: Array<{ hostId: string; role: HostRole }>,
) {
  const { userId, session } = await createUserSession(stack, email, grants);
  sessions.set(who, session);
  return tokenFor(userId);
}

beforeAll(async () => {
  stack = await startStack({ hosts: 2 });
  [hostA, hostB] = stack.hostIds as [string, string];
  const { db } = await import("@/lib/db");
  const root = await db.user.findUniqueOrThrow({ where: { email: "root@example.test" } });
  tokens.admin = await tokenFor(root.id);
  tokens.hostAdmin = await userWith("hostAdmin", "hostadmin@example.test", [
    { hostId: hostA, role: "HOST_ADMIN" },
    { hostId: hostB, role: "VIEWER" },
  ]);
  tokens.viewer = await userWith("viewer", "viewer@example.test", [
    { hostId: hostA, role: "VIEWER" },
  ]);
  tokens.stranger = await userWith("stranger", "stranger@example.test", []);
  groupOfA = (
    await db.hostGroup.create({ data: { name: "only-a", hosts: { create: { hostId: hostA } } } })
  ).id;
  groupOfBoth = (
    await db.hostGroup.create({
      data: { name: "a-and-b", hosts: { create: [{ hostId: hostA }, { hostId: hostB }] } },
    })
  ).id;
  emailChannel = (
    await db.alertChannel.create({
      data: { name: "ops mail", type: "email", config: { host: "127.0.0.1" } },
    })
  ).id;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("alert rules", () => {
  it("an admin makes, reads, changes and deletes a rule for every host", async () => {
    const made = await ok<AlertRuleView>(
      await api("admin", "/alerts/rules", "POST", {
        ...exitRule("every exit", []),
        channelIds: [emailChannel],
      }),
      201,
    );
    expect(made).toMatchObject({
      name: "every exit",
      severity: "critical",
      enabled: true,
      scope: { hostIds: [], hostGroupIds: [] },
      channels: [{ id: emailChannel, name: "ops mail", type: "email" }],
      createdBy: "root@example.test",
      firing: 0,
      canManage: true,
    });
    const listed = await ok<{ rules: AlertRuleView[] }>(await api("admin", "/alerts/rules"));
    expect(listed.rules.map((r) => r.id)).toContain(made.id);

    // a patch changes what it names and keeps the rest
    const renamed = await ok<AlertRuleView>(
      await api("admin", `/alerts/rules/${made.id}`, "PATCH", { name: "every exit, renamed" }),
    );
    expect(renamed).toMatchObject({
      name: "every exit, renamed",
      severity: "critical",
      condition: { kind: "container_exit", ignoreExitCodes: [143] },
      channels: [{ id: emailChannel }],
    });
    const retyped = await ok<AlertRuleView>(
      await api("admin", `/alerts/rules/${made.id}`, "PATCH", {
        condition: { kind: "container_restarts", count: 3, windowMinutes: 10 },
        channelIds: [],
      }),
    );
    expect(retyped.condition).toEqual({ kind: "container_restarts", count: 3, windowMinutes: 10 });
    expect(retyped.channels).toEqual([]);
    const { db } = await import("@/lib/db");
    expect((await db.alertRule.findUniqueOrThrow({ where: { id: made.id } })).kind).toBe(
      "container_restarts",
    );

    await ok(await api("admin", `/alerts/rules/${made.id}`, "DELETE"));
    expect((await api("admin", `/alerts/rules/${made.id}`)).status).toBe(404);
    const actions = await db.auditEvent.findMany({
      where: { target: made.id, action: { startsWith: "alert.rule." } },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => `${a.action} ${a.outcome}`)).toEqual([
      "alert.rule.update SUCCESS",
      "alert.rule.update SUCCESS",
      "alert.rule.delete SUCCESS",
    ]);
  });

  it("a host admin makes rules for their hosts only, never for every host", async () => {
    const mine = await ok<AlertRuleView>(
      await api("hostAdmin", "/alerts/rules", "POST", exitRule("a exits", [hostA])),
      201,
    );
    expect(mine.canManage).toBe(true);
    expect(mine.scopeNames.hosts).toHaveLength(1);

    expect(
      await refused(await api("hostAdmin", "/alerts/rules", "POST", exitRule("b", [hostB]))),
    ).toMatchObject({
      status: 403,
      field: "scope.hostIds",
      message: expect.stringContaining("needs HOST_ADMIN"),
    });
    expect(
      await refused(await api("hostAdmin", "/alerts/rules", "POST", exitRule("all", []))),
    ).toMatchObject({
      status: 403,
      field: "scope.hostIds",
      message: "Only administrators may make a rule for every host: choose hosts or host groups.",
    });
    const viaGroup = (groupId: string) =>
      api("hostAdmin", "/alerts/rules", "POST", {
        ...exitRule("by group", []),
        scope: { hostIds: [], hostGroupIds: [groupId] },
      });
    expect(await refused(await viaGroup(groupOfBoth))).toMatchObject({
      status: 403,
      field: "scope.hostGroupIds",
      message: expect.stringContaining("a-and-b has hosts you do not administer"),
    });
    const grouped = await ok<AlertRuleView>(await viaGroup(groupOfA), 201);
    expect(grouped.scopeNames.groups).toEqual(["only-a"]);
    // nor may they widen their own rule to a host they do not administer
    const widened = await api("hostAdmin", `/alerts/rules/${mine.id}`, "PATCH", {
      scope: { hostIds: [hostA, hostB] },
    });
    expect((await refused(widened)).field).toBe("scope.hostIds");
    // a stranger's unknown host and a host the caller cannot see read alike
    expect(
      await refused(await api("viewer", "/alerts/rules", "POST", exitRule("b", [hostB]))),
    ).toMatchObject({ status: 404, field: "scope.hostIds" });
  });

  it("a viewer reads the rules of their hosts but cannot change them; others do not see them", async () => {
    const rule = await ok<AlertRuleView>(
      await api("hostAdmin", "/alerts/rules", "POST", exitRule("viewer reads this", [hostA])),
      201,
    );
    const read = await ok<AlertRuleView>(await api("viewer", `/alerts/rules/${rule.id}`));
    expect(read).toMatchObject({ name: "viewer reads this", canManage: false, channels: [] });
    const listed = await ok<{ rules: AlertRuleView[]; canCreate: boolean }>(
      await api("viewer", "/alerts/rules"),
    );
    expect(listed.canCreate).toBe(false);
    expect(listed.rules.map((r) => r.name)).toContain("viewer reads this");
    for (const [method, path, body] of [
      ["PATCH", `/alerts/rules/${rule.id}`, { enabled: false }],
      ["DELETE", `/alerts/rules/${rule.id}`, undefined],
      ["POST", `/alerts/rules/${rule.id}/silence`, { minutes: 10 }],
    ] as const) {
      expect((await api("viewer", path, method, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await api("stranger", `/alerts/rules/${rule.id}`)).status).toBe(404);
    const strangers = await ok<{ rules: AlertRuleView[] }>(await api("stranger", "/alerts/rules"));
    expect(strangers.rules.map((r) => r.id)).not.toContain(rule.id);
    const { db } = await import("@/lib/db");
    expect((await db.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).enabled).toBe(true);
    expect(
      await db.auditEvent.count({
        where: { target: rule.id, outcome: "DENIED", actorLabel: "viewer@example.test" },
      }),
    ).toBe(3);
  });

  it("refuses what is not valid next to the field, in words", async () => {
    const badPattern = await api("admin", "/alerts/rules", "POST", {
      name: "bad pattern",
      condition: { kind: "log_pattern", pattern: "(unclosed" },
      scope: { hostIds: [hostA] },
    });
    expect(await refused(badPattern)).toEqual({
      status: 400,
      field: "condition.pattern",
      message: "condition.pattern: That is not a valid regular expression.",
    });
    const unknownHost = await api("admin", "/alerts/rules", "POST", exitRule("x", ["nope"]));
    expect(await refused(unknownHost)).toEqual({
      status: 404,
      field: "scope.hostIds",
      message: "No such host: nope.",
    });
    const unknownChannel = await api("admin", "/alerts/rules", "POST", {
      ...exitRule("x", [hostA]),
      channelIds: ["no-such-channel"],
    });
    expect(await refused(unknownChannel)).toEqual({
      status: 404,
      field: "channelIds",
      message: "No such channel: no-such-channel.",
    });
    const noName = await api("admin", "/alerts/rules", "POST", exitRule("", [hostA]));
    expect(await refused(noName)).toMatchObject({ status: 400, field: "name" });
  });

  it("silencing keeps who and until when, and is audited", async () => {
    const rule = await ok<AlertRuleView>(
      await api("hostAdmin", "/alerts/rules", "POST", exitRule("to silence", [hostA])),
      201,
    );
    const before = Date.now();
    const silenced = await ok<AlertRuleView>(
      await api("hostAdmin", `/alerts/rules/${rule.id}/silence`, "POST", {
        minutes: 60,
        reason: "maintenance window",
      }),
    );
    expect(silenced.silencedBy).toBe("hostadmin@example.test");
    expect(silenced.silenceReason).toBe("maintenance window");
    const until = Date.parse(silenced.silencedUntil!);
    expect(until - before).toBeGreaterThanOrEqual(59 * 60_000);
    expect(until - before).toBeLessThanOrEqual(61 * 60_000);
    const { db } = await import("@/lib/db");
    const row = await db.auditEvent.findFirstOrThrow({
      where: { action: "alert.rule.silence", target: rule.id },
    });
    expect(row).toMatchObject({ outcome: "SUCCESS", actorLabel: "hostadmin@example.test" });
    expect(row.params).toMatchObject({ minutes: 60, reason: "maintenance window" });

    const back = await ok<AlertRuleView>(
      await api("hostAdmin", `/alerts/rules/${rule.id}/silence`, "DELETE"),
    );
    expect([back.silencedUntil, back.silencedBy]).toEqual([null, null]);
    expect(
      await db.auditEvent.count({ where: { action: "alert.rule.unsilence", target: rule.id } }),
    ).toBe(1);
  });
});

describe("alert history", () => {
  const ids = { a1: "", a2: "", b1: "", none: "" };
  let ruleId = "";

  beforeAll(async () => {
    const { db } = await import("@/lib/db");
    const rule = await db.alertRule.create({
      data: {
        name: "history rule",
        kind: "container_exit",
        severity: "warning",
        condition: { kind: "container_exit", ignoreExitCodes: [] },
        scope: { hostIds: [], hostGroupIds: [], labels: [] },
      },
    });
    ruleId = rule.id;
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const event = (data: {
      subject: string;
      hostId: string | null;
      message: string;
      firedAt: Date;
      resolvedAt?: Date;
      severity?: "info" | "critical";
    }) =>
      db.alertEvent.create({
        data: {
          ruleId,
          ruleName: rule.name,
          kind: "container_exit",
          severity: data.severity ?? "warning",
          details: { exitCode: 1 },
          hostName: data.hostId === hostA ? "host-a" : data.hostId ? "host-b" : null,
          containerName: data.subject.split("/")[1] ?? null,
          ...data,
        },
      });
    ids.a1 = (
      await event({
        subject: `container:${hostA}/web`,
        hostId: hostA,
        message: "web exited with code 1",
        firedAt: at(10),
      })
    ).id;
    ids.a2 = (
      await event({
        subject: `container:${hostA}/db`,
        hostId: hostA,
        message: "db exited with code 137: disk full",
        firedAt: at(20),
        resolvedAt: at(15),
        severity: "critical",
      })
    ).id;
    ids.b1 = (
      await event({
        subject: `container:${hostB}/web`,
        hostId: hostB,
        message: "web exited with code 2",
        firedAt: at(5),
      })
    ).id;
    ids.none = (
      await event({ subject: "server", hostId: null, message: "no host at all", firedAt: at(1) })
    ).id;
    const channel = await db.alertChannel.create({
      data: { name: "hook", type: "webhook", config: { url: "http://127.0.0.1:9/" } },
    });
    await db.alertDelivery.createMany({
      data: [
        { eventId: ids.a1, channelId: channel.id, trigger: "fired", status: "sent" },
        { eventId: ids.a1, channelId: channel.id, trigger: "fired", status: "failed" },
        { eventId: ids.a1, channelId: emailChannel, trigger: "fired", status: "sent" },
      ],
    });
  });

  const list = async (who: Who, query = "") =>
    ok<AlertEventPage>(await api(who, `/alerts/events${query}`));

  it("shows each user the alerts of the hosts they can read", async () => {
    const all = await list("admin", `?ruleId=${ruleId}`);
    expect(all.events.map((e) => e.id)).toEqual([ids.none, ids.b1, ids.a1, ids.a2]);
    expect(all.firing).toBe(3);
    const viewer = await list("viewer", `?ruleId=${ruleId}`);
    expect(viewer.events.map((e) => e.id)).toEqual([ids.a1, ids.a2]);
    expect(viewer.firing).toBe(1);
    const stranger = await list("stranger");
    expect([stranger.events, stranger.firing]).toEqual([[], 0]);
    expect((await api("viewer", `/alerts/events/${ids.b1}`)).status).toBe(404);
    expect((await api("viewer", `/alerts/events/${ids.none}`)).status).toBe(404);
    const one = await ok<AlertEventView>(await api("viewer", `/alerts/events/${ids.a1}`));
    expect(one).toMatchObject({
      message: "web exited with code 1",
      containerName: "web",
      details: { exitCode: 1 },
      deliveries: { sent: 2, failed: 1, pending: 0 },
    });
  });

  it("filters by state, host, rule, severity and text", async () => {
    const r = `&ruleId=${ruleId}`;
    const idsOf = (page: AlertEventPage) => page.events.map((e) => e.id);
    expect(idsOf(await list("admin", `?state=firing${r}`))).toEqual([ids.none, ids.b1, ids.a1]);
    expect(idsOf(await list("admin", `?state=resolved${r}`))).toEqual([ids.a2]);
    expect(idsOf(await list("admin", `?hostId=${hostA}${r}`))).toEqual([ids.a1, ids.a2]);
    expect(idsOf(await list("admin", `?severity=critical${r}`))).toEqual([ids.a2]);
    expect(idsOf(await list("admin", `?q=DISK${r}`))).toEqual([ids.a2]);
    expect(idsOf(await list("admin", `?q=host-b${r}`))).toEqual([ids.b1]);
    // a filter never shows what the user may not see
    expect(idsOf(await list("viewer", `?hostId=${hostB}${r}`))).toEqual([]);
    expect((await api("admin", "/alerts/events?state=open")).status).toBe(400);
  });

  it("pages newest first by cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AlertEventPage = await list(
        "admin",
        `?ruleId=${ruleId}&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.events.length).toBeLessThanOrEqual(3);
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.none, ids.b1, ids.a1, ids.a2]);
  });

  it("lets the host's admins silence an alert, keeping who and until when", async () => {
    expect(
      (await api("viewer", `/alerts/events/${ids.a1}/silence`, "POST", { minutes: 60 })).status,
    ).toBe(403);
    // host admin on A, viewer on B
    expect(
      (await api("hostAdmin", `/alerts/events/${ids.b1}/silence`, "POST", { minutes: 60 })).status,
    ).toBe(403);
    expect(
      (await api("hostAdmin", `/alerts/events/${ids.none}/silence`, "POST", { minutes: 60 }))
        .status,
    ).toBe(404);
    const silenced = await ok<AlertEventView>(
      await api("hostAdmin", `/alerts/events/${ids.a1}/silence`, "POST", {
        minutes: 480,
        reason: "known",
      }),
    );
    expect(silenced.silencedBy).toBe("hostadmin@example.test");
    expect(Date.parse(silenced.silencedUntil!) - Date.now()).toBeGreaterThan(479 * 60_000);
    const { db } = await import("@/lib/db");
    const row = await db.alertEvent.findUniqueOrThrow({ where: { id: ids.a1 } });
    expect(row.silencedById).not.toBeNull();
    expect(
      await db.auditEvent.findFirst({
        where: { action: "alert.event.silence", target: ids.a1, outcome: "SUCCESS" },
      }),
    ).toMatchObject({ actorLabel: "hostadmin@example.test", params: { reason: "known" } });
    const back = await ok<AlertEventView>(
      await api("admin", `/alerts/events/${ids.a1}/silence`, "DELETE"),
    );
    expect([back.silencedBy, back.silencedUntil]).toEqual([null, null]);
  });
});

describe("notification preferences", () => {
  it("lists the rules a user can read with defaults, and keeps what they choose", async () => {
    const { db } = await import("@/lib/db");
    const everyHost = await ok<AlertRuleView>(
      await api("admin", "/alerts/rules", "POST", {
        ...exitRule("prefs everywhere", []),
        channelIds: [emailChannel],
      }),
      201,
    );
    const onlyB = await ok<AlertRuleView>(
      await api("admin", "/alerts/rules", "POST", exitRule("prefs only b", [hostB])),
      201,
    );
    const initial = await ok<{ rules: AlertPreferenceRow[] }>(
      await api("viewer", "/alerts/preferences"),
    );
    const names = initial.rules.map((r) => r.ruleName);
    expect(names).toContain("prefs everywhere");
    expect(names).not.toContain("prefs only b");
    expect(initial.rules.find((r) => r.ruleId === everyHost.id)).toEqual({
      ruleId: everyHost.id,
      ruleName: "prefs everywhere",
      severity: "critical",
      kind: "container_exit",
      inApp: true,
      email: false,
      emailAvailable: true,
    });

    const saved = await ok<{ rules: AlertPreferenceRow[] }>(
      await api("viewer", "/alerts/preferences", "PUT", {
        preferences: [{ ruleId: everyHost.id, inApp: false, email: true }],
      }),
    );
    expect(saved.rules.find((r) => r.ruleId === everyHost.id)).toMatchObject({
      inApp: false,
      email: true,
    });
    const again = await ok<{ rules: AlertPreferenceRow[] }>(
      await api("viewer", "/alerts/preferences"),
    );
    expect(again.rules.find((r) => r.ruleId === everyHost.id)).toMatchObject({
      inApp: false,
      email: true,
    });

    const unreadable = await api("viewer", "/alerts/preferences", "PUT", {
      preferences: [{ ruleId: onlyB.id, inApp: true, email: true }],
    });
    expect(await refused(unreadable)).toEqual({
      status: 404,
      field: "preferences",
      message: `No such alert rule: ${onlyB.id}.`,
    });
    const viewer = await db.user.findUniqueOrThrow({ where: { email: "viewer@example.test" } });
    expect(await db.alertPreference.findMany({ where: { userId: viewer.id } })).toEqual([
      { userId: viewer.id, ruleId: everyHost.id, inApp: false, email: true },
    ]);
    expect(
      await db.auditEvent.count({
        where: { action: "alert.preferences.update", actorLabel: "viewer@example.test" },
      }),
    ).toBe(2);
  });
});

describe("live notices", () => {
  it("tell open pages that alerts changed: rules to everyone, an alert to its host's readers", async () => {
    const heard = new Map<Who, Array<string | null>>();
    const sockets = await Promise.all(
      (["viewer", "stranger"] as const).map(async (who) => {
        const socket = await connected(sessions.get(who)!.uiSocket());
        heard.set(who, []);
        socket.on(UiEvents.alertsChanged, ({ hostId }) => heard.get(who)!.push(hostId));
        return socket;
      }),
    );
    try {
      await ok(await api("admin", "/alerts/rules", "POST", exitRule("noticed", [hostB])), 201);
      await waitFor(
        "rule notices",
        () => heard.get("viewer")!.length > 0 && heard.get("stranger")!.length > 0,
      );
      expect([heard.get("viewer"), heard.get("stranger")]).toEqual([[null], [null]]);

      const { db } = await import("@/lib/db");
      const event = await db.alertEvent.findFirstOrThrow({ where: { hostId: hostA } });
      await ok(await api("admin", `/alerts/events/${event.id}/silence`, "POST", { minutes: 5 }));
      await waitFor("alert notice", () => heard.get("viewer")!.length > 1);
      // give a wrong notice to the stranger time to arrive
      await new Promise((r) => setTimeout(r, 300));
      expect([heard.get("viewer"), heard.get("stranger")]).toEqual([[null, hostA], [null]]);
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});
