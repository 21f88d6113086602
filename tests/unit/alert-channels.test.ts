import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordBody } from "@/lib/alerts/channels/discord";
import { emailMessage, smtpOptions } from "@/lib/alerts/channels/email";
import { ntfyRequest } from "@/lib/alerts/channels/ntfy";
import { sendAlertNotification } from "@/lib/alerts/channels/send-alert-notification";
import { scrubSecrets } from "@/lib/alerts/channels/send-result";
import { slackBody } from "@/lib/alerts/channels/slack";
import { webhookRequest, webhookSignature } from "@/lib/alerts/channels/webhook";
import { AlertNotificationSchema, type AlertNotification } from "@/lib/protocol";
import { mergeChannelSecrets } from "@/lib/services/alerts/channel-settings";
import { retryDelayMs } from "@/lib/services/alerts/delivery-backoff";

const fired: AlertNotification = {
  trigger: "fired",
  event: {
    id: "ev1",
    rule: "High CPU",
    kind: "host_metric",
    severity: "critical",
    host: "web-1",
    container: "<script>alert(1)</script>",
    message: "CPU 97% for 30 s (threshold 90%) @everyone",
    firedAt: "2026-01-02T03:04:05.000Z",
    resolvedAt: null,
  },
  url: "https://berth.example/alerts?event=ev1",
};

describe("alert channel payloads", () => {
  it("the generic webhook posts the notification itself, signed over timestamp.body", () => {
    const req = webhookRequest(
      { type: "webhook", url: "http://127.0.0.1:1/hook", secret: "k3y" },
      fired,
      1_700_000_000_123,
    );
    expect(AlertNotificationSchema.parse(JSON.parse(req.body))).toEqual(fired);
    expect(req.headers["x-berth-timestamp"]).toBe("1700000000");
    expect(req.headers["user-agent"]).toBe("Berth");
    const expected = createHmac("sha256", "k3y").update(`1700000000.${req.body}`).digest("hex");
    expect(req.headers["x-berth-signature"]).toBe(`sha256=${expected}`);
    expect(webhookSignature("other", 1700000000, req.body)).not.toBe(
      req.headers["x-berth-signature"],
    );
    const unsigned = webhookRequest({ type: "webhook", url: "http://127.0.0.1:1/" }, fired);
    expect(unsigned.headers["x-berth-signature"]).toBeUndefined();
  });

  it("slack gets a meaningful text and escaped blocks", () => {
    const body = slackBody(fired);
    expect(body.text).toBe(
      "FIRING High CPU: CPU 97% for 30 s (threshold 90%) @everyone (web-1 / <script>alert(1)</script>)",
    );
    const blocks = JSON.stringify(body.blocks);
    expect(blocks).toContain("&lt;script&gt;");
    expect(blocks).not.toContain("<script>");
    expect(blocks).toContain("<https://berth.example/alerts?event=ev1|Open in Berth>");
  });

  it("discord: content within 2000 characters, an embed coloured by severity, no mentions", () => {
    const long = { ...fired, event: { ...fired.event, message: "x".repeat(5000) } };
    const body = discordBody(long);
    expect(body.content.length).toBeLessThanOrEqual(2000);
    expect(body.embeds[0]!.title).toHaveLength(256);
    expect((body.embeds[0]!.description as string).length).toBeLessThanOrEqual(4096);
    expect(body.embeds[0]!.color).toBe(0xdc2626);
    expect(body.embeds[0]!.timestamp).toBe(fired.event.firedAt);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const resolved = discordBody({
      ...fired,
      trigger: "resolved",
      event: { ...fired.event, resolvedAt: "2026-01-02T03:10:00.000Z" },
    });
    expect(resolved.embeds[0]!.color).toBe(0x16a34a);
    expect(resolved.embeds[0]!.timestamp).toBe("2026-01-02T03:10:00.000Z");
  });

  it("ntfy: topic URL, priority by severity, click link, bearer token, encoded non-ASCII title", () => {
    const settings = {
      type: "ntfy" as const,
      serverUrl: "https://ntfy.example/",
      topic: "ops",
      token: "tk_abc",
    };
    const req = ntfyRequest(settings, fired);
    expect(req.url).toBe("https://ntfy.example/ops");
    expect(req.headers.priority).toBe("5");
    expect(req.headers.click).toBe(fired.url);
    expect(req.headers.authorization).toBe("Bearer tk_abc");
    expect(req.headers.tags).toBe("rotating_light,berth");
    expect(req.body.split("\n")[0]).toBe(fired.event.message);
    const warning = ntfyRequest(
      { ...settings, token: undefined },
      { ...fired, url: null, event: { ...fired.event, severity: "warning", rule: "Dépassé" } },
    );
    expect(warning.headers.priority).toBe("4");
    expect(warning.headers.authorization).toBeUndefined();
    expect(warning.headers.click).toBeUndefined();
    expect(warning.headers.title).toMatch(/^=\?UTF-8\?B\?/);
    const title = Buffer.from(warning.headers.title!.slice(10, -2), "base64").toString("utf8");
    expect(title).toContain("Dépassé");
    expect(ntfyRequest(settings, { ...fired, trigger: "resolved" }).headers.priority).toBe("3");
    expect(
      ntfyRequest(settings, { ...fired, event: { ...fired.event, severity: "info" } }).headers
        .priority,
    ).toBe("3");
  });

  it("email: subject names the trigger and rule, the HTML part is escaped", () => {
    const mail = emailMessage(fired);
    expect(mail.subject).toBe(
      "[Berth] FIRING High CPU: CPU 97% for 30 s (threshold 90%) @everyone",
    );
    expect(mail.text).toContain("Container: <script>alert(1)</script>");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).not.toContain("<script>");
    expect(emailMessage({ ...fired, trigger: "test" }).subject).toMatch(/^\[Berth\] TEST /);
    const base = { type: "email" as const, host: "smtp", port: 465, from: "a@b.c", to: ["d@e.f"] };
    expect(smtpOptions({ ...base, security: "tls" })).toMatchObject({
      secure: true,
      requireTLS: false,
      ignoreTLS: false,
    });
    expect(smtpOptions({ ...base, security: "starttls" })).toMatchObject({
      secure: false,
      requireTLS: true,
    });
    expect(smtpOptions({ ...base, security: "none" })).toMatchObject({
      secure: false,
      requireTLS: false,
      ignoreTLS: true,
      auth: undefined,
    });
    expect(smtpOptions({ ...base, security: "tls", username: "u", password: "p" }).auth).toEqual({
      user: "u",
      pass: "p",
    });
  });

  it("scrubs secrets, encoded secrets and a secret URL's path", () => {
    const url = "https://hooks.slack.example/services/T000/B000/XXXXSECRET";
    const text = `POST ${url} failed; path /services/T000/B000/XXXXSECRET; token a+b/c= as a%2Bb%2Fc%3D`;
    const scrubbed = scrubSecrets(text, [url, "a+b/c="]);
    expect(scrubbed).not.toContain("XXXXSECRET");
    expect(scrubbed).not.toContain("a+b/c=");
    expect(scrubbed).not.toContain("a%2Bb%2Fc%3D");
    expect(scrubbed).toContain("[secret]");
  });
});

describe("changing a channel's secrets", () => {
  const stored = {
    type: "email" as const,
    config: { host: "smtp.example", port: 587 },
    secrets: { password: "stored-pass" },
  };
  const email = {
    type: "email" as const,
    host: "smtp.example",
    port: 587,
    security: "starttls" as const,
    username: "u",
    from: "a@b.c",
    to: ["d@e.f"],
  };

  it("keeps a secret left out, replaces a given one and removes an empty one", () => {
    expect(mergeChannelSecrets(stored, email)).toMatchObject({ password: "stored-pass" });
    expect(mergeChannelSecrets(stored, { ...email, password: "new" })).toMatchObject({
      password: "new",
    });
    expect(mergeChannelSecrets(stored, { ...email, password: "" })).not.toHaveProperty("password");
  });

  it("takes no secret to another type or another server", () => {
    expect(mergeChannelSecrets(stored, { type: "slack" })).toEqual({ type: "slack" });
    expect(() => mergeChannelSecrets(stored, { ...email, host: "evil.example" })).toThrow(
      /Enter the password again/,
    );
    expect(
      mergeChannelSecrets(stored, { ...email, host: "evil.example", password: "p" }),
    ).toMatchObject({
      host: "evil.example",
      password: "p",
    });
  });
});

describe("alert delivery backoff", () => {
  it("retries after 10 s, 30 s, 2 min, 10 min and 30 min, then gives up", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 1))).toEqual([
      10_000,
      30_000,
      120_000,
      600_000,
      1_800_000,
      null,
    ]);
    expect(retryDelayMs(1, 0.01)).toBe(100);
  });
});

describe("sending over HTTP", () => {
  let server: Server;
  let base: string;
  const seen: Array<{ url: string; headers: IncomingMessage["headers"]; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ url: req.url ?? "", headers: req.headers, body });
        if (req.url?.startsWith("/redirect")) {
          res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" }).end();
        } else if (req.url?.startsWith("/big")) {
          res.writeHead(500).end(`token=SECRETVALUE ${"y".repeat(10_000)}`);
        } else {
          res.writeHead(200).end("ok");
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends a signed webhook and reports the answer", async () => {
    const result = await sendAlertNotification(
      { type: "webhook", url: `${base}/hook`, secret: "s3cret" },
      fired,
    );
    expect(result).toEqual({ ok: true, code: 200, response: "ok" });
    const got = seen.at(-1)!;
    expect(got.headers["content-type"]).toBe("application/json");
    const ts = got.headers["x-berth-timestamp"] as string;
    const sig = createHmac("sha256", "s3cret").update(`${ts}.${got.body}`).digest("hex");
    expect(got.headers["x-berth-signature"]).toBe(`sha256=${sig}`);
  });

  it("does not follow a redirect, and names where it pointed", async () => {
    const before = seen.length;
    const result = await sendAlertNotification({ type: "webhook", url: `${base}/redirect` }, fired);
    expect(result.ok).toBe(false);
    expect(result.code).toBe(302);
    expect(result.response).toContain("http://127.0.0.1:1/elsewhere");
    expect(seen.length).toBe(before + 1);
  });

  it("keeps 1 KiB of a failing answer with the secrets scrubbed", async () => {
    const result = await sendAlertNotification(
      { type: "ntfy", serverUrl: `${base}/big`, topic: "t", token: "SECRETVALUE" },
      fired,
    );
    expect(result.ok).toBe(false);
    expect(result.code).toBe(500);
    expect(result.response.length).toBeLessThanOrEqual(1024);
    expect(result.response).toContain("token=[secret]");
    expect(result.response).not.toContain("SECRETVALUE");
  });

  it("says in words when nothing listens, without the secret URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/api/webhooks/123/TOPSECRET`;
    const result = await sendAlertNotification({ type: "discord", url }, fired);
    expect(result.ok).toBe(false);
    expect(result.code).toBeNull();
    expect(result.response).toMatch(/ECONNREFUSED/);
    expect(result.response).not.toContain("TOPSECRET");
  });
});
