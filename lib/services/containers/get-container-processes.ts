import { ContainerRefSchema, type AgentCommandResult } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

export type ContainerProcesses = AgentCommandResult<"container.top">;

/** `docker top`. */
export async function getContainerProcesses(
  user: SessionUser,
  hostId: string,
  containerId: string,
): Promise<ContainerProcesses> {
  const id = ContainerRefSchema.parse(containerId);
  await requireHostPermission(user, hostId, "container.read");
  return getAgentHub().call(hostId, "container.top", { id });
}
