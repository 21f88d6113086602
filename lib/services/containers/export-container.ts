import type { Readable } from "node:stream";
import { ContainerRefSchema } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { requireContainerPower } from "@/lib/services/policy/require-container-power";

/**
 * `docker export`: the container's filesystem as a tar stream, passed through without buffering.
 * A container with powers over the host needs the role that could have created it.
 */
export async function exportContainer(
  user: SessionUser,
  hostId: string,
  containerId: string,
  clientAddress?: string,
): Promise<{ stream: Readable; fileName: string }> {
  const id = ContainerRefSchema.parse(containerId);
  return audited(
    { actor: user, action: "container.export", hostId, target: id, clientAddress },
    async () => {
      await requireContainerPower(user, hostId, id, "container.export");
      const hub = getAgentHub();
      const name = hub.containers.find(hostId, id)?.name ?? id;
      const stream = await hub.openStream(hostId, "container.export", { id });
      return { stream, fileName: `${name.replace(/[^A-Za-z0-9_.-]/g, "_")}.tar` };
    },
  );
}
