import { ContainerRefSchema, type AgentCommandResult } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

export type ContainerChanges = AgentCommandResult<"container.diff">;

/** `docker diff`: files added, changed and deleted since the container was created. */
export async function getContainerChanges(
  user: SessionUser,
  hostId: string,
  containerId: string,
): Promise<ContainerChanges> {
  const id = ContainerRefSchema.parse(containerId);
  await requireHostPermission(user, hostId, "container.read");
  return getAgentHub().call(hostId, "container.diff", { id }, { timeoutMs: 120_000 });
}
