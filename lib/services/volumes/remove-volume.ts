import { VolumeNameSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

/** `docker volume rm`; refused while containers use the volume (the agent names them). */
export async function removeVolume(
  user: SessionUser,
  hostId: string,
  name: string,
  clientAddress?: string,
): Promise<void> {
  const volume = VolumeNameSchema.parse(name);
  await audited(
    { actor: user, action: "volume.remove", hostId, target: volume, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "volume.manage");
      await getAgentHub().call(hostId, "volume.remove", { name: volume });
    },
  );
}
