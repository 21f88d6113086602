import { randomSecret, sha256Hex } from "@/lib/crypto";

/** What a webhook URL's secret looks like: 32 random bytes, base64url (43 characters). */
const WEBHOOK_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface WebhookSecret {
  /**
   * The part of the URL `/api/stacks/hooks/<secret>`. Never store it in clear: seal it
   * (lib/server/secret-box) when the page must show the URL again.
   */
  secret: string;
  /** What the database keeps (unique), to find the stack a call is for. */
  hash: string;
}

/** A new secret for a git stack's webhook URL. */
export function createWebhookSecret(): WebhookSecret {
  const secret = randomSecret(32);
  return { secret, hash: sha256Hex(secret) };
}

/**
 * The stored hash a presented secret stands for, or null when it cannot be one of ours (so a
 * random URL costs no database lookup). Looking the hash up by equality needs no constant-time
 * compare: the secret has 256 bits and only its hash reaches the query.
 */
export function webhookSecretHash(presented: string): string | null {
  return WEBHOOK_SECRET_PATTERN.test(presented) ? sha256Hex(presented) : null;
}
