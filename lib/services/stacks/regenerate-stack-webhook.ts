import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { auditedStack } from "./audited-stack";
import { newWebhookColumns } from "./stack-webhook";

/**
 * A new webhook URL for a git stack; the old one stops working at once (a leaked URL is
 * replaced, not revoked). Needs stack.deploy.
 */
export async function regenerateStackWebhook(
  user: SessionUser,
  stackId: string,
  clientAddress?: string,
): Promise<{ webhookPath: string }> {
  return auditedStack(
    user,
    stackId,
    { action: "stack.webhook.regenerate", permission: "stack.deploy", params: {} },
    clientAddress,
    async ({ stack }) => {
      if (stack.source !== "git")
        throw new BerthError("BAD_REQUEST", "Only a stack kept in git has a webhook URL.");
      const webhook = newWebhookColumns(stack.id);
      await db.stack.update({ where: { id: stack.id }, data: webhook.columns });
      return { webhookPath: webhook.path };
    },
  );
}
