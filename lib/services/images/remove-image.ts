import { ImageRemoveParamsSchema, ImageRefSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

export type RemovedImage = { untagged: string[]; deleted: string[] };

/** `docker rmi [-f]`: removes a tag, or the image when given its id (or its last tag). */
export async function removeImage(
  user: SessionUser,
  hostId: string,
  imageId: string,
  input: unknown,
  clientAddress?: string,
): Promise<RemovedImage> {
  const id = ImageRefSchema.parse(imageId);
  const params = ImageRemoveParamsSchema.parse({ ...(input as object), id });
  return audited(
    {
      actor: user,
      action: "image.remove",
      hostId,
      target: id,
      params: { force: params.force },
      clientAddress,
    },
    async () => {
      await requireHostPermission(user, hostId, "image.remove");
      return getAgentHub().call(hostId, "image.remove", params);
    },
  );
}
