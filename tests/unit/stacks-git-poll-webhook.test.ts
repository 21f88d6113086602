import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/crypto";
import { GitPollSecondsSchema } from "@/lib/stacks/git/poll-seconds";
import { createWebhookSecret, webhookSecretHash } from "@/lib/stacks/git/webhook-secret";

describe("poll intervals", () => {
  it("are a minute to a day, or none", () => {
    expect(GitPollSecondsSchema.parse(null)).toBeNull();
    expect(GitPollSecondsSchema.parse(300)).toBe(300);
    expect(GitPollSecondsSchema.safeParse(10).error?.issues[0]?.message).toBe(
      "Poll at most once a minute.",
    );
    expect(GitPollSecondsSchema.safeParse(90_000).success).toBe(false);
  });
});

describe("webhook secrets", () => {
  it("are random, URL-safe and found again by their hash", () => {
    const a = createWebhookSecret();
    const b = createWebhookSecret();
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.hash).toBe(sha256Hex(a.secret));
    expect(webhookSecretHash(a.secret)).toBe(a.hash);
    expect(webhookSecretHash(b.secret)).not.toBe(a.hash);
  });

  it("cost no lookup when the URL cannot hold one", () => {
    expect(webhookSecretHash("short")).toBeNull();
    expect(webhookSecretHash(`${createWebhookSecret().secret}/../x`)).toBeNull();
  });
});
