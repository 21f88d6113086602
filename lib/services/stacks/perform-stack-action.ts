import type { ComposeStep } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { auditedStack, STACK_TIMEOUTS_MS } from "./audited-stack";
import { StackActionSchema, StackLifecycleSchema } from "./stack-input";

/**
 * Starts, stops or restarts a stack's containers (all, or some services), in dependency order.
 * Stopping and starting existing containers creates nothing, so it is not judged by the policy;
 * it needs stack.deploy, as the stack's owner would.
 */
export async function performStackAction(
  user: SessionUser,
  stackId: string,
  actionInput: unknown,
  input: unknown,
  clientAddress?: string,
): Promise<{ steps: ComposeStep[] }> {
  const action = StackActionSchema.parse(actionInput);
  const { services } = StackLifecycleSchema.parse(input);
  return auditedStack(
    user,
    stackId,
    {
      action: `stack.${action}`,
      permission: "stack.deploy",
      params: { services: services ?? null },
    },
    clientAddress,
    async ({ stack }) =>
      getAgentHub().call(
        stack.hostId,
        "compose.lifecycle",
        { project: stack.name, action, services },
        { timeoutMs: STACK_TIMEOUTS_MS.lifecycle },
      ),
  );
}
