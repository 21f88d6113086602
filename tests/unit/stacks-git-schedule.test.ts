import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/crypto";
import { GitPollSecondsSchema, isGitPollDue } from "@/lib/stacks/git/poll-due";
import { createWebhookSecret, webhookSecretHash } from "@/lib/stacks/git/webhook-secret";

describe("git polling", () => {
  const now = new Date("2026-12-03T10:00:00Z");
  const ago = (s: number) => new Date(now.getTime() - s * 1000);

  it("is due when never polled or once the interval has passed", () => {
    expect(isGitPollDue({ pollSeconds: 300, lastPolledAt: null }, now)).toBe(true);
    expect(isGitPollDue({ pollSeconds: 300, lastPolledAt: ago(299) }, now)).toBe(false);
    expect(isGitPollDue({ pollSeconds: 300, lastPolledAt: ago(300) }, now)).toBe(true);
    expect(isGitPollDue({ pollSeconds: 300, lastPolledAt: ago(5000) }, now)).toBe(true);
  });

  it("is never due for a webhook-only stack, and resumes after a clock set back", () => {
    expect(isGitPollDue({ pollSeconds: null, lastPolledAt: null }, now)).toBe(false);
    const future = new Date(now.getTime() + 86_400_000);
    expect(isGitPollDue({ pollSeconds: 60, lastPolledAt: future }, now)).toBe(false);
    // the stamp counts as "now" at most: due one interval after any later tick
    expect(isGitPollDue({ pollSeconds: 0, lastPolledAt: future }, now)).toBe(true);
  });
});

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
