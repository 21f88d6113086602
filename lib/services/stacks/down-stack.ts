import type { ComposeStep } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { auditedStack, STACK_TIMEOUTS_MS } from "./audited-stack";
import { StackDownSchema } from "./stack-input";

/** `compose down` of a project on its host, its folder removed too. */
export async function takeStackDown(
  hostId: string,
  project: string,
  removeVolumes: boolean,
): Promise<{ steps: ComposeStep[] }> {
  return getAgentHub().call(
    hostId,
    "compose.down",
    { project, removeVolumes, removeFiles: true },
    { timeoutMs: STACK_TIMEOUTS_MS.down },
  );
}

/**
 * Takes a stack down on its host: its containers and networks go, its named volumes too when
 * asked (external ones never), and its folder. The saved stack stays, not deployed.
 */
export async function downStack(
  user: SessionUser,
  stackId: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ steps: ComposeStep[] }> {
  const { removeVolumes } = StackDownSchema.parse(input);
  return auditedStack(
    user,
    stackId,
    { action: "stack.down", permission: "stack.deploy", params: { removeVolumes } },
    clientAddress,
    async ({ stack }) => takeStackDown(stack.hostId, stack.name, removeVolumes),
  );
}
