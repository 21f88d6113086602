import { VolumeNameSchema, VolumePathSchema, type VolumeListing } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { requireVolumeAccess } from "./require-volume-access";
import { VOLUME_BROWSE_TIMEOUT_MS } from "./volume-limits";

/** A folder of a volume: each entry's size, mode, owner and modification time. */
export async function browseVolume(
  user: SessionUser,
  hostId: string,
  name: string,
  path: unknown,
): Promise<VolumeListing> {
  const volume = VolumeNameSchema.parse(name);
  const folder = VolumePathSchema.parse(path ?? "");
  const { helper } = await requireVolumeAccess(user, hostId, volume, "volume.read");
  return getAgentHub().call(
    hostId,
    "volume.browse",
    { ...helper, name: volume, path: folder },
    { timeoutMs: VOLUME_BROWSE_TIMEOUT_MS },
  );
}
