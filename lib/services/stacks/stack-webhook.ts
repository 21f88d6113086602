import type { Stack } from "@/lib/db";
import { openSecret, sealSecret } from "@/lib/server/secret-box";
import { createWebhookSecret } from "@/lib/stacks/git/webhook-secret";

/** What a sealed webhook secret is bound to: it does not open on another stack's row. */
const webhookContext = (stackId: string) => `stack-webhook:${stackId}`;

/** The path a repository calls; the host part is whatever address reaches the server. */
export const webhookPath = (secret: string) => `/api/stacks/hooks/${secret}`;

/**
 * A new webhook secret for a git stack: the hash finds the stack when the URL is called, the
 * sealed copy lets the page show the URL again to those who may deploy. Returns the path too.
 */
export function newWebhookColumns(stackId: string): {
  path: string;
  columns: Pick<Stack, "webhookSecretHash" | "webhookSecretSealed">;
} {
  const { secret, hash } = createWebhookSecret();
  return {
    path: webhookPath(secret),
    columns: {
      webhookSecretHash: hash,
      webhookSecretSealed: sealSecret(secret, webhookContext(stackId)),
    },
  };
}

/** The stack's webhook path, or null when it has none (or the key that sealed it is gone). */
export function webhookPathOf(stack: Pick<Stack, "id" | "webhookSecretSealed">): string | null {
  if (!stack.webhookSecretSealed) return null;
  try {
    return webhookPath(openSecret(stack.webhookSecretSealed, webhookContext(stack.id)));
  } catch {
    return null;
  }
}
