import { z } from "zod";
import { VolumeEntryNameSchema, VolumeNameSchema, VolumePathSchema } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withUpload } from "@/lib/services/images/send-upload";
import { requireVolumeAccess } from "./require-volume-access";
import { VOLUME_COPY_TIMEOUT_MS } from "./volume-limits";

export const VolumeUploadSchema = z.object({
  path: VolumePathSchema.describe("the folder, relative to the volume's root"),
  name: VolumeEntryNameSchema.describe("the file's name in that folder"),
  size: z.coerce.number().int().min(0).describe("the body's length in bytes"),
  overwrite: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true")
    .describe("replace a file of that name"),
});

/**
 * One file into a folder of a volume, streamed from the request body to the host: it appears
 * whole or not at all.
 */
export async function uploadVolumeFile(
  user: SessionUser,
  hostId: string,
  name: string,
  query: unknown,
  body: AsyncIterable<Uint8Array>,
  clientAddress?: string,
): Promise<{ path: string }> {
  const volume = VolumeNameSchema.parse(name);
  const file = VolumeUploadSchema.parse(query);
  return audited(
    {
      actor: user,
      action: "volume.upload",
      hostId,
      target: volume,
      params: { path: file.path, name: file.name, size: file.size },
      clientAddress,
    },
    async () => {
      const { helper } = await requireVolumeAccess(user, hostId, volume, "volume.write");
      return withUpload(hostId, body, (uploadId) =>
        getAgentHub().call(
          hostId,
          "volume.upload",
          {
            ...helper,
            name: volume,
            path: file.path,
            fileName: file.name,
            size: file.size,
            overwrite: file.overwrite,
            uploadId,
          },
          { timeoutMs: VOLUME_COPY_TIMEOUT_MS },
        ),
      );
    },
  );
}
