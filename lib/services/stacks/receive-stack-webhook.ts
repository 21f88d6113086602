import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { recordUnauthenticatedAudit } from "@/lib/services/audit/record-unauthenticated-audit";
import { webhookSecretHash } from "@/lib/stacks/git/webhook-secret";
import { requestGitRedeploy } from "./request-git-redeploy";

/**
 * A call of a git stack's webhook URL (no session: the URL's secret is the credential). The
 * stack is found by the secret's hash; an unknown secret is "not found" with no detail, its
 * audit row rate-limited like every unauthenticated refusal. A known one starts the redeploy in
 * the background and returns at once: git servers give up on slow webhooks, and the outcome
 * shows on the stack and in the audit log (actor "webhook").
 */
export async function receiveStackWebhook(
  secret: string,
  clientAddress: string | undefined,
): Promise<void> {
  const hash = webhookSecretHash(secret);
  const stack = hash
    ? await db.stack.findUnique({ where: { webhookSecretHash: hash }, select: { id: true } })
    : null;
  if (!stack) {
    await recordUnauthenticatedAudit({
      actor: { label: clientAddress ?? "webhook" },
      action: "stack.webhook",
      outcome: "DENIED",
      error: "unknown webhook URL",
      clientAddress,
    });
    throw new BerthError("NOT_FOUND", "Not found.");
  }
  void requestGitRedeploy(stack.id, "webhook");
}
