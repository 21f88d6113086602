import { VolumeNameSchema, type VolumeSummary } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

export type VolumeDetail = {
  volume: VolumeSummary;
  inspect: Record<string, unknown>;
  role: HostRoleName;
};

/** `docker volume inspect` with who uses the volume and its last measured size. */
export async function getVolume(
  user: SessionUser,
  hostId: string,
  name: string,
): Promise<VolumeDetail> {
  const volume = VolumeNameSchema.parse(name);
  const { role } = await requireHostPermission(user, hostId, "volume.read");
  const answer = await getAgentHub().call(hostId, "volume.inspect", { name: volume });
  return { ...answer, role };
}
