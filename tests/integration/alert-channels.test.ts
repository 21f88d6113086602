import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertChannelView, AlertNotification } from "@/lib/protocol";
import type { AlertChannelList } from "@/lib/services/alerts/list-alert-channels";
import type {
  AlertDeliveryPage,
  AlertDeliveryRow,
} from "@/lib/services/alerts/list-alert-deliveries";
import type { AlertChannelTestResult } from "@/lib/services/alerts/test-alert-channel";
import { freePort } from "../harness/ports";
import { startTestPostgres, type TestPostgres } from "../harness/postgres";
import { startServer, type ServerProcess } from "../harness/server";
import { TestSession } from "../harness/session";
import { waitFor } from "../harness/stack";

/**
 * Notification channels against receivers on loopback: a signed webhook, Slack, Discord and ntfy
 * receivers, SMTP servers (plain with auth, and STARTTLS with a certificate the server trusts),
 * a receiver that fails then answers, one that never answers. Event deliveries are queued with
 * enqueueAlertDeliveries against the shared database and sent by the running server's worker.
 */
let pg: TestPostgres;
let server: ServerProcess;
let admin: TestSession;
let viewer: TestSession;
let stranger: TestSession;
let hostId: string;
let otherHostId: string;
const PASSWORD = "a long enough password";
const PUBLIC_URL = "https://berth.example.test";

type Received = { path: string; headers: IncomingHttpHeaders; body: string };

/** An HTTP receiver on loopback that records every request and answers as `answer` says. */
async function receiver(
  answer: (req: Received, n: number) => { status: number; body: string } | null = () => ({
    status: 200,
    body: "ok",
  }),
) {
  const got: Received[] = [];
  const sockets = new Set<Socket>();
  const srv: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const r = { path: req.url ?? "", headers: req.headers, body };
      got.push(r);
      const a = answer(r, got.length);
      if (a) res.writeHead(a.status).end(a.body);
    });
  });
  srv.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return {
    url,
    got,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
}
const receivers: Array<{ close: () => Promise<void> }> = [];
async function track<T extends { close: () => Promise<void> }>(r: Promise<T>): Promise<T> {
  const value = await r;
  receivers.push(value);
  return value;
}

type Mail = { from: string; to: string[]; user: string | null; raw: string; secure: boolean };
/** An SMTP server on loopback: auth with one user, plain or STARTTLS with `tls`. */
async function smtp(tls?: { key: Buffer; cert: Buffer }) {
  const mails: Mail[] = [];
  const srv = new SMTPServer({
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: !tls,
    ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ["STARTTLS"] }),
    onAuth(auth, _session, cb) {
      if (auth.username === "mailer" && auth.password === "smtp-pass-123")
        cb(null, { user: auth.username });
      else cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: (session.user as string | undefined) ?? null,
          raw: raw.replace(/\r\n[ \t]+/g, " "),
          secure: session.secure,
        });
        cb();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => srv.listen(port, "127.0.0.1", resolve));
  return { port, mails, close: () => new Promise<void>((resolve) => srv.close(() => resolve())) };
}

/** The Subject header, its RFC 2047 encoded words decoded. */
function subjectOf(raw: string): string {
  const line = /^Subject: (.*)$/m.exec(raw)?.[1] ?? "";
  return line
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_x, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            "latin1",
          ).toString("utf8"),
    );
}

function send(session: TestSession, url: string, method = "GET", body?: unknown) {
  return session.fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

async function createChannel(body: unknown): Promise<AlertChannelView> {
  const res = await send(admin, "/api/alerts/channels", "POST", body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as AlertChannelView;
}

async function testChannel(id: string): Promise<AlertChannelTestResult> {
  const res = await send(admin, `/api/alerts/channels/${id}/test`, "POST");
  expect(res.status).toBe(200);
  return (await res.json()) as AlertChannelTestResult;
}

async function deliveries(session: TestSession, query = ""): Promise<AlertDeliveryRow[]> {
  const res = await session.fetch(`/api/alerts/deliveries?${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as AlertDeliveryPage).deliveries;
}

function verifySignature(r: Received, secret: string): boolean {
  const ts = r.headers["x-berth-timestamp"] as string;
  const expected = createHmac("sha256", secret).update(`${ts}.${r.body}`).digest("hex");
  return r.headers["x-berth-signature"] === `sha256=${expected}`;
}

/** A rule and a firing event on `host`, sending to the channels. */
async function fire(channelIds: string[], host = hostId, name = "High CPU") {
  const { db } = await import("@/lib/db");
  const rule = await db.alertRule.create({
    data: {
      name,
      kind: "host_metric",
      severity: "critical",
      condition: {
        kind: "host_metric",
        metric: "cpuPercent",
        op: "above",
        threshold: 90,
        forSeconds: 0,
      },
      scope: { hostIds: [host], hostGroupIds: [], labels: [] },
      channels: { create: channelIds.map((channelId) => ({ channelId })) },
    },
  });
  const event = await db.alertEvent.create({
    data: {
      ruleId: rule.id,
      ruleName: rule.name,
      kind: "host_metric",
      severity: "critical",
      subject: `host:${host}`,
      hostId: host,
      hostName: "web-1",
      message: "CPU 97% for 30 s (threshold 90%)",
      details: { value: 97 },
    },
  });
  const { enqueueAlertDeliveries } = await import("@/lib/services/alerts/enqueue-alert-deliveries");
  await enqueueAlertDeliveries(event.id, "fired");
  return { rule, event };
}

async function userWith(email: string, host: string | null): Promise<TestSession> {
  const { db } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/passwords");
  const user = await db.user.create({
    data: { email, name: email, passwordHash: await hashPassword(PASSWORD) },
  });
  if (host) await db.hostAccess.create({ data: { hostId: host, userId: user.id, role: "VIEWER" } });
  const session = new TestSession(server.url);
  expect(await session.login(email, PASSWORD)).toBe(true);
  return session;
}

let tlsFiles: { key: Buffer; cert: Buffer; certPath: string };

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-smtp-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      path.join(dir, "key.pem"),
      "-out",
      path.join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  tlsFiles = {
    key: readFileSync(path.join(dir, "key.pem")),
    cert: readFileSync(path.join(dir, "cert.pem")),
    certPath: path.join(dir, "cert.pem"),
  };
  pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  server = await startServer({
    databaseUrl: pg.url,
    port: await freePort(),
    env: {
      BERTH_PUBLIC_URL: PUBLIC_URL,
      BERTH_ALERT_RETRY_SCALE: "0.002",
      NODE_EXTRA_CA_CERTS: tlsFiles.certPath,
    },
  });
  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({
    token: await server.setupToken(),
    name: "Root",
    email: "root@example.test",
    password: PASSWORD,
  });
  admin = new TestSession(server.url);
  expect(await admin.login("root@example.test", PASSWORD)).toBe(true);
  const { db } = await import("@/lib/db");
  // enrolled hosts whose agents are away: the alert engine keeps their alerts open
  hostId = (await db.host.create({ data: { name: "web-1", keyHash: "test-web-1" } })).id;
  otherHostId = (await db.host.create({ data: { name: "db-1", keyHash: "test-db-1" } })).id;
  viewer = await userWith("viewer@example.test", hostId);
  stranger = await userWith("stranger@example.test", otherHostId);
}, 120_000);

afterAll(async () => {
  for (const r of receivers) await r.close();
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  await server?.stop();
  await pg?.stop();
});

const ALL_SECRETS = [
  "hmac-secret-value",
  "/services/T0/B0/SLACKSECRET",
  "/api/webhooks/42/DISCORDSECRET",
  "ntfy-token-value",
  "smtp-pass-123",
];

describe("generic webhook", () => {
  it("sends a signed test at once, answers in words and logs it", async () => {
    const hook = await track(receiver());
    const channel = await createChannel({
      name: "ops hook",
      settings: { type: "webhook", url: `${hook.url}/hook`, secret: "hmac-secret-value" },
    });
    expect(channel.secretsSet).toEqual(["secret"]);
    expect(JSON.stringify(channel)).not.toContain("hmac-secret-value");
    const result = await testChannel(channel.id);
    expect(result).toMatchObject({ ok: true, code: 200, response: "ok" });
    expect(result.message).toMatch(/^Sent/);
    expect(hook.got).toHaveLength(1);
    const got = hook.got[0]!;
    expect(got.headers["user-agent"]).toBe("Berth");
    expect(got.headers["content-type"]).toBe("application/json");
    expect(verifySignature(got, "hmac-secret-value")).toBe(true);
    expect(verifySignature(got, "another secret")).toBe(false);
    expect((JSON.parse(got.body) as AlertNotification).trigger).toBe("test");
    const log = await deliveries(admin, `channelId=${channel.id}`);
    expect(log.map((d) => [d.trigger, d.status, d.attempts, d.responseCode])).toEqual([
      ["test", "sent", 1, 200],
    ]);
  });

  it("delivers a firing through the server's worker with the event and its link", async () => {
    const hook = await track(receiver());
    const channel = await createChannel({
      name: "fired hook",
      settings: { type: "webhook", url: `${hook.url}/fired`, secret: "hmac-secret-value" },
    });
    const { event } = await fire([channel.id]);
    await waitFor("the fired delivery", () => hook.got.length === 1);
    const body = JSON.parse(hook.got[0]!.body) as AlertNotification;
    expect(body).toMatchObject({
      trigger: "fired",
      event: { id: event.id, rule: "High CPU", severity: "critical", host: "web-1" },
      url: `${PUBLIC_URL}/alerts?event=${event.id}`,
    });
    expect(verifySignature(hook.got[0]!, "hmac-secret-value")).toBe(true);
    const [row] = await waitFor("sent in the log", async () => {
      const rows = await deliveries(admin, `eventId=${event.id}`);
      return rows[0]?.status === "sent" ? rows : null;
    });
    expect(row).toMatchObject({
      trigger: "fired",
      attempts: 1,
      responseCode: 200,
      eventId: event.id,
    });
  });

  it("retries a failing receiver with backoff until it answers, and logs each attempt", async () => {
    const flaky = await track(
      receiver((_r, n) =>
        n <= 2 ? { status: 500, body: "not yet" } : { status: 200, body: "ok" },
      ),
    );
    const channel = await createChannel({
      name: "flaky hook",
      settings: { type: "webhook", url: `${flaky.url}/flaky` },
    });
    const { event } = await fire([channel.id]);
    const first = await waitFor("the first failure in the log", async () => {
      const [d] = await deliveries(admin, `eventId=${event.id}`);
      return d && d.attempts >= 1 ? d : null;
    });
    expect(first).toMatchObject({ responseCode: 500, response: "not yet" });
    const done = await waitFor(
      "sent after two failures",
      async () => {
        const [d] = await deliveries(admin, `eventId=${event.id}`);
        return d?.status === "sent" ? d : null;
      },
      30_000,
    );
    expect(done).toMatchObject({ attempts: 3, responseCode: 200, response: "ok" });
    expect(flaky.got).toHaveLength(3);
  });

  it("marks a delivery failed after the last retry, and a retry sends it again", async () => {
    let up = false;
    const down = await track(
      receiver(() =>
        up ? { status: 204, body: "" } : { status: 503, body: "down for maintenance" },
      ),
    );
    const channel = await createChannel({
      name: "down hook",
      settings: { type: "webhook", url: `${down.url}/down` },
    });
    const { event } = await fire([channel.id]);
    const failed = await waitFor(
      "failed after six attempts",
      async () => {
        const [d] = await deliveries(admin, `eventId=${event.id}&status=failed`);
        return d;
      },
      60_000,
    );
    expect(failed).toMatchObject({
      attempts: 6,
      responseCode: 503,
      response: "down for maintenance",
    });
    expect(down.got).toHaveLength(6);
    // a viewer cannot retry it
    expect((await send(viewer, `/api/alerts/deliveries/${failed.id}/retry`, "POST")).status).toBe(
      403,
    );
    up = true;
    const res = await send(admin, `/api/alerts/deliveries/${failed.id}/retry`, "POST");
    expect(res.status).toBe(200);
    const sent = await waitFor("sent after the retry", async () => {
      const [d] = await deliveries(admin, `eventId=${event.id}`);
      return d?.status === "sent" ? d : null;
    });
    expect(sent).toMatchObject({ attempts: 7, responseCode: 204 });
    const again = await send(admin, `/api/alerts/deliveries/${failed.id}/retry`, "POST");
    expect(again.status).toBe(409);
  }, 90_000);

  it("a receiver that never answers does not delay another channel", async () => {
    const silent = await track(receiver(() => null));
    const quick = await track(receiver());
    const slow = await createChannel({
      name: "silent hook",
      settings: { type: "webhook", url: `${silent.url}/silent` },
    });
    const fast = await createChannel({
      name: "quick hook",
      settings: { type: "webhook", url: `${quick.url}/quick` },
    });
    const started = Date.now();
    await fire([slow.id, fast.id]);
    await waitFor("the quick channel's delivery", () => quick.got.length === 1, 8_000);
    expect(silent.got).toHaveLength(1);
    // the silent receiver holds its request for the full 10 s timeout
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});

describe("Slack, Discord and ntfy", () => {
  it("post their own shapes and headers, and never show the secret URL or token", async () => {
    const rx = await track(receiver());
    const slack = await createChannel({
      name: "slack",
      settings: { type: "slack", url: `${rx.url}/services/T0/B0/SLACKSECRET` },
    });
    const discord = await createChannel({
      name: "discord",
      settings: { type: "discord", url: `${rx.url}/api/webhooks/42/DISCORDSECRET` },
    });
    const ntfy = await createChannel({
      name: "ntfy",
      settings: {
        type: "ntfy",
        serverUrl: rx.url,
        topic: "berth-alerts",
        token: "ntfy-token-value",
      },
    });
    expect(slack.secretsSet).toEqual(["url"]);
    expect(slack.settings).toEqual({});

    expect((await testChannel(slack.id)).ok).toBe(true);
    const s = rx.got.at(-1)!;
    expect(s.path).toBe("/services/T0/B0/SLACKSECRET");
    const slackBody = JSON.parse(s.body) as { text: string; blocks: unknown[] };
    expect(slackBody.text).toContain("TEST Test notification");
    expect(slackBody.blocks.length).toBeGreaterThan(0);

    expect((await testChannel(discord.id)).ok).toBe(true);
    const d = JSON.parse(rx.got.at(-1)!.body) as {
      content: string;
      embeds: Array<{ title: string; color: number; timestamp: string }>;
    };
    expect(d.content).toContain("TEST Test notification");
    expect(d.embeds[0]).toMatchObject({ color: 0x0284c7 });
    expect(d.embeds[0]!.timestamp).toMatch(/^\d{4}-/);

    expect((await testChannel(ntfy.id)).ok).toBe(true);
    const n = rx.got.at(-1)!;
    expect(n.path).toBe("/berth-alerts");
    expect(n.headers.authorization).toBe("Bearer ntfy-token-value");
    expect(n.headers.priority).toBe("3");
    expect(n.headers.title).toContain("TEST Test notification");
    expect(n.body).toContain("A test from Berth");

    // a changed token is needed when the ntfy server moves
    const moved = await send(admin, `/api/alerts/channels/${ntfy.id}`, "PATCH", {
      settings: { type: "ntfy", serverUrl: "http://127.0.0.1:9", topic: "berth-alerts" },
    });
    expect(moved.status).toBe(400);
    expect(((await moved.json()) as { error: { field: string } }).error.field).toBe(
      "settings.token",
    );
    // same server, no token given: the stored one stays
    const kept = await send(admin, `/api/alerts/channels/${ntfy.id}`, "PATCH", {
      name: "ntfy push",
      settings: { type: "ntfy", serverUrl: rx.url, topic: "other-topic" },
    });
    expect(kept.status).toBe(200);
    expect(((await kept.json()) as AlertChannelView).secretsSet).toEqual(["token"]);
    expect((await testChannel(ntfy.id)).ok).toBe(true);
    expect(rx.got.at(-1)!.headers.authorization).toBe("Bearer ntfy-token-value");
    // "" removes it
    const cleared = await send(admin, `/api/alerts/channels/${ntfy.id}`, "PATCH", {
      settings: { type: "ntfy", serverUrl: rx.url, topic: "other-topic", token: "" },
    });
    expect(((await cleared.json()) as AlertChannelView).secretsSet).toEqual([]);
    // a new type starts without the old secrets: a Slack channel needs its URL again
    const retyped = await send(admin, `/api/alerts/channels/${slack.id}`, "PATCH", {
      settings: { type: "discord" },
    });
    expect(retyped.status).toBe(400);
  });

  it("the form's test of unsaved settings sends with the stored secret of the channel edited", async () => {
    const rx = await track(receiver());
    const hook = await createChannel({
      name: "form hook",
      settings: { type: "webhook", url: `${rx.url}/form`, secret: "hmac-secret-value" },
    });
    const res = await send(admin, "/api/alerts/channels/test", "POST", {
      name: "form hook",
      channelId: hook.id,
      settings: { type: "webhook", url: `${rx.url}/form2` },
    });
    const answer = (await res.json()) as AlertChannelTestResult;
    expect(answer.ok).toBe(true);
    expect(rx.got.at(-1)!.path).toBe("/form2");
    expect(verifySignature(rx.got.at(-1)!, "hmac-secret-value")).toBe(true);
    // a failure is answered in words, not as an error
    const closed = await freePort();
    const failed = (await (
      await send(admin, "/api/alerts/channels/test", "POST", {
        settings: { type: "webhook", url: `http://127.0.0.1:${closed}/x` },
      })
    ).json()) as AlertChannelTestResult;
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/^Not sent: .*ECONNREFUSED/);
  });
});

describe("email", () => {
  it("sends over SMTP with auth to the channel's recipients, and personal emails to users who asked", async () => {
    const mail = await track(smtp());
    const channel = await createChannel({
      name: "mail",
      settings: {
        type: "email",
        host: "127.0.0.1",
        port: mail.port,
        security: "none",
        username: "mailer",
        password: "smtp-pass-123",
        from: "berth@example.test",
        to: ["ops@example.test", "oncall@example.test"],
      },
    });
    const result = await testChannel(channel.id);
    expect(result.ok, result.response).toBe(true);
    expect(result.code).toBe(250);
    expect(mail.mails).toHaveLength(1);
    expect(mail.mails[0]).toMatchObject({
      from: "berth@example.test",
      to: ["ops@example.test", "oncall@example.test"],
      user: "mailer",
    });
    expect(subjectOf(mail.mails[0]!.raw)).toBe(
      '[Berth] TEST Test notification: A test from Berth: the channel "mail" works.',
    );

    // the viewer (can read the host) and the stranger (cannot) both asked for the rule by email
    const { db } = await import("@/lib/db");
    const { rule, event } = await (async () => {
      const created = await db.alertRule.create({
        data: {
          name: "Disk full",
          kind: "host_metric",
          severity: "warning",
          condition: {
            kind: "host_metric",
            metric: "diskPercent",
            op: "above",
            threshold: 90,
            forSeconds: 0,
          },
          scope: { hostIds: [hostId], hostGroupIds: [], labels: [] },
          channels: { create: [{ channelId: channel.id }] },
        },
      });
      for (const email of ["viewer@example.test", "stranger@example.test"]) {
        const user = await db.user.findUniqueOrThrow({ where: { email } });
        await db.alertPreference.create({
          data: { userId: user.id, ruleId: created.id, email: true },
        });
      }
      const ev = await db.alertEvent.create({
        data: {
          ruleId: created.id,
          ruleName: created.name,
          kind: "host_metric",
          severity: "warning",
          subject: `host:${hostId}`,
          hostId,
          hostName: "web-1",
          message: "Disk 95% <full>",
          details: {},
          resolvedAt: new Date(),
          resolvedMessage: "Disk 60%",
        },
      });
      return { rule: created, event: ev };
    })();
    const { enqueueAlertDeliveries } =
      await import("@/lib/services/alerts/enqueue-alert-deliveries");
    await enqueueAlertDeliveries(event.id, "resolved");
    await waitFor("the channel's and the viewer's mail", () => mail.mails.length === 3);
    const recipients = mail.mails.slice(1).map((m) => m.to.join(","));
    expect(recipients.sort()).toEqual([
      "ops@example.test,oncall@example.test",
      "viewer@example.test",
    ]);
    for (const m of mail.mails.slice(1)) {
      expect(subjectOf(m.raw)).toBe("[Berth] RESOLVED Disk full: Disk 60%");
      expect(m.raw).toContain(`${PUBLIC_URL}/alerts?event=${event.id}`);
    }
    expect(rule.id).toBeTruthy();
    // the viewer sees the event's deliveries, but not other users' personal emails nor tests
    const seen = await deliveries(viewer);
    expect(seen.map((d) => [d.trigger, d.recipient]).sort()).toEqual(
      expect.arrayContaining([
        ["resolved", null],
        ["resolved", "viewer@example.test"],
      ]),
    );
    expect(seen.every((d) => d.trigger !== "test" && d.event?.hostName === "web-1")).toBe(true);
    expect(await deliveries(stranger)).toEqual([]);
  });

  it("upgrades with STARTTLS to a server whose certificate the server process trusts", async () => {
    const mail = await track(smtp({ key: tlsFiles.key, cert: tlsFiles.cert }));
    const channel = await createChannel({
      name: "mail tls",
      settings: {
        type: "email",
        host: "127.0.0.1",
        port: mail.port,
        security: "starttls",
        username: "mailer",
        password: "smtp-pass-123",
        from: "berth@example.test",
        to: ["ops@example.test"],
      },
    });
    const result = await testChannel(channel.id);
    expect(result.ok, result.response).toBe(true);
    expect(mail.mails).toHaveLength(1);
    expect(mail.mails[0]!.secure).toBe(true);
    expect(subjectOf(mail.mails[0]!.raw)).toMatch(/^\[Berth\] TEST /);
    // a wrong password is a failure in words, without the password
    const bad = await send(admin, "/api/alerts/channels/test", "POST", {
      settings: {
        type: "email",
        host: "127.0.0.1",
        port: mail.port,
        security: "starttls",
        username: "mailer",
        password: "wrong-password-456",
        from: "berth@example.test",
        to: ["ops@example.test"],
      },
    });
    const answer = (await bad.json()) as AlertChannelTestResult;
    expect(answer.ok).toBe(false);
    expect(answer.code).toBe(535);
    expect(answer.message).not.toContain("wrong-password-456");
  });
});

describe("secrets and access", () => {
  it("never appear in channel views, lists, the delivery log or the audit log", async () => {
    const texts = [
      await (await admin.fetch("/api/alerts/channels")).text(),
      await (await admin.fetch("/api/alerts/deliveries?limit=200")).text(),
    ];
    const list = JSON.parse(texts[0]!) as AlertChannelList;
    expect(list.canManage).toBe(true);
    for (const c of list.channels)
      texts.push(await (await admin.fetch(`/api/alerts/channels/${c.id}`)).text());
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: "alert." } } });
    expect(audit.length).toBeGreaterThan(10);
    texts.push(JSON.stringify(audit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)));
    for (const text of texts) for (const secret of ALL_SECRETS) expect(text).not.toContain(secret);
    const created = audit.find((a) => a.action === "alert.channel.create" && a.target === "slack");
    expect(created?.params).toMatchObject({ type: "slack", sealedFields: ["url"] });
    const stored = await db.alertChannel.findMany();
    for (const row of stored)
      for (const secret of ALL_SECRETS) expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("shows rule makers names and types only, and refuses everyone else", async () => {
    expect((await viewer.fetch("/api/alerts/channels")).status).toBe(403);
    const { db } = await import("@/lib/db");
    const viewerRow = await db.user.findUniqueOrThrow({ where: { email: "viewer@example.test" } });
    await db.hostAccess.updateMany({
      where: { userId: viewerRow.id },
      data: { role: "HOST_ADMIN" },
    });
    const res = await viewer.fetch("/api/alerts/channels");
    expect(res.status).toBe(200);
    const list = (await res.json()) as AlertChannelList;
    expect(list.canManage).toBe(false);
    expect(Object.keys(list.channels[0]!).sort()).toEqual(["enabled", "id", "name", "type"]);
    expect((await viewer.fetch(`/api/alerts/channels/${list.channels[0]!.id}`)).status).toBe(403);
    expect(
      (await send(viewer, `/api/alerts/channels/${list.channels[0]!.id}/test`, "POST")).status,
    ).toBe(403);
    const denied = await db.auditEvent.count({
      where: { action: "alert.channel.test", outcome: "DENIED" },
    });
    expect(denied).toBe(1);
  });
});
