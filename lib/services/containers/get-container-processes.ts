import { ContainerRefSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

/** `docker top`. */
export async function getContainerProcesses(
  user: SessionUser,
  hostId: string,
  containerId: string,
) {
  const id = ContainerRefSchema.parse(containerId);
  await requireHostPermission(user, hostId, "container.read");
  return getAgentHub().call(hostId, "container.top", { id });
}
