import { ImageRefSchema, ImageTagParamsSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

export type TaggedImage = { name: string };

/** `docker tag`: another name for an image on the same host. */
export async function tagImage(
  user: SessionUser,
  hostId: string,
  imageId: string,
  input: unknown,
  clientAddress?: string,
): Promise<TaggedImage> {
  const id = ImageRefSchema.parse(imageId);
  const params = ImageTagParamsSchema.parse({ ...(input as object), id });
  const name = `${params.repository}:${params.tag}`;
  return audited(
    { actor: user, action: "image.tag", hostId, target: id, params: { name }, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "image.build");
      await getAgentHub().call(hostId, "image.tag", params);
      return { name };
    },
  );
}
