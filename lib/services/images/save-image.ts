import type { Readable } from "node:stream";
import { ImageRefSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

/** `docker save`: the image as a tar stream from the agent, passed through without buffering. */
export async function saveImage(
  user: SessionUser,
  hostId: string,
  imageId: string,
  clientAddress?: string,
): Promise<{ stream: Readable; fileName: string }> {
  const id = ImageRefSchema.parse(imageId);
  return audited(
    { actor: user, action: "image.save", hostId, target: id, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "image.read");
      const stream = await getAgentHub().openStream(hostId, "image.save", { id });
      const base = id.replace(/^sha256:/, "").replace(/[^A-Za-z0-9_.-]/g, "_");
      return { stream, fileName: `${base}.tar` };
    },
  );
}
