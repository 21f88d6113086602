import type { Readable } from "node:stream";
import { z } from "zod";
import { ImageRefSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

const RefsSchema = z.array(ImageRefSchema).min(1, "Name an image.").max(50);

/**
 * `docker save`: images as a tar stream from the agent, passed through without buffering. Give
 * the names to keep in the tar (an image saved by id alone loads back untagged).
 */
export async function saveImage(
  user: SessionUser,
  hostId: string,
  refs: string[],
  clientAddress?: string,
): Promise<{ stream: Readable; fileName: string }> {
  const names = RefsSchema.parse(refs);
  const id = names.join(" ");
  return audited(
    { actor: user, action: "image.save", hostId, target: id, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "image.save");
      const stream = await getAgentHub().openStream(hostId, "image.save", { refs: names });
      const base = names[0]!.replace(/^sha256:/, "").replace(/[^A-Za-z0-9_.-]/g, "_");
      return { stream, fileName: `${base}.tar` };
    },
  );
}
