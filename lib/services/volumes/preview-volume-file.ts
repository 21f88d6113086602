import { VolumeNameSchema, VolumePathSchema, type VolumePreview } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { requireVolumeAccess } from "./require-volume-access";
import { VOLUME_BROWSE_TIMEOUT_MS } from "./volume-limits";

/** The start of a file in a volume as text (binary files are only said to be). */
export async function previewVolumeFile(
  user: SessionUser,
  hostId: string,
  name: string,
  path: unknown,
): Promise<VolumePreview> {
  const volume = VolumeNameSchema.parse(name);
  const file = VolumePathSchema.parse(path ?? "");
  const { helper } = await requireVolumeAccess(user, hostId, volume, "volume.read");
  return getAgentHub().call(
    hostId,
    "volume.preview",
    { ...helper, name: volume, path: file },
    { timeoutMs: VOLUME_BROWSE_TIMEOUT_MS },
  );
}
