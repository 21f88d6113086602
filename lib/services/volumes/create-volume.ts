import { VolumeCreateSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { checkVolumeCreate } from "./check-volume-create";

/** `docker volume create` on one host, under the host security policy's bind rules. */
export async function createVolume(
  user: SessionUser,
  hostId: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ name: string }> {
  const params = VolumeCreateSchema.parse(input);
  return audited(
    { actor: user, action: "volume.create", hostId, target: params.name, params, clientAddress },
    async () => {
      const { role } = await requireHostPermission(user, hostId, "volume.manage");
      const checked = await checkVolumeCreate(hostId, role, params);
      return getAgentHub().call(hostId, "volume.create", {
        ...checked.params,
        allowProtectedPaths: checked.allowProtectedPaths,
      });
    },
  );
}
