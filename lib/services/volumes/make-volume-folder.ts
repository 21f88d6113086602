import { z } from "zod";
import { VolumeEntryNameSchema, VolumeNameSchema, VolumePathSchema } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { requireVolumeAccess } from "./require-volume-access";
import { VOLUME_BROWSE_TIMEOUT_MS } from "./volume-limits";

export const VolumeMkdirSchema = z.object({
  path: VolumePathSchema.describe("the folder to make it in, relative to the volume's root"),
  name: VolumeEntryNameSchema.describe("the new folder's name"),
});

/** A new, empty folder in a volume. */
export async function makeVolumeFolder(
  user: SessionUser,
  hostId: string,
  name: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ path: string }> {
  const volume = VolumeNameSchema.parse(name);
  const folder = VolumeMkdirSchema.parse(input);
  return audited(
    { actor: user, action: "volume.mkdir", hostId, target: volume, params: folder, clientAddress },
    async () => {
      const { helper } = await requireVolumeAccess(user, hostId, volume, "volume.write");
      return getAgentHub().call(
        hostId,
        "volume.mkdir",
        { ...helper, name: volume, path: folder.path, dirName: folder.name },
        { timeoutMs: VOLUME_BROWSE_TIMEOUT_MS },
      );
    },
  );
}
