import { ImageRefSchema, type ImageLayer } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

export type ImageDetail = {
  inspect: Record<string, unknown>;
  layers: ImageLayer[];
  role: HostRoleName;
};

/** `docker image inspect` and `docker history` of one image. */
export async function getImage(
  user: SessionUser,
  hostId: string,
  imageId: string,
): Promise<ImageDetail> {
  const id = ImageRefSchema.parse(imageId);
  const role = await requireHostPermission(user, hostId, "image.read");
  const hub = getAgentHub();
  const [{ inspect }, { layers }] = await Promise.all([
    hub.call(hostId, "image.inspect", { id }),
    hub.call(hostId, "image.history", { id }),
  ]);
  return { inspect, layers, role };
}
