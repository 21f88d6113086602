import { z } from "zod";
import { ImageNameSchema, splitImageName, type Progress } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { resolveRegistryAuth } from "@/lib/services/registries/resolve-registry-auth";

// A large image over a slow link takes long; the user can cancel.
const PULL_TIMEOUT_MS = 60 * 60_000;

const PullInputSchema = z.object({
  image: ImageNameSchema,
  registryId: z.string().max(100).optional(),
});

export type LongCallOptions = {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  clientAddress?: string;
};

export type PulledImage = { id: string; image: string };

/** `docker pull` on one host with the credentials of a registry the user may use. */
export async function pullImage(
  user: SessionUser,
  hostId: string,
  input: unknown,
  options: LongCallOptions = {},
): Promise<PulledImage> {
  const { image, registryId } = PullInputSchema.parse(input);
  return audited(
    {
      actor: user,
      action: "image.pull",
      hostId,
      target: image,
      clientAddress: options.clientAddress,
    },
    async () => {
      await requireHostPermission(user, hostId, "image.pull");
      const { auth } = await resolveRegistryAuth(
        user,
        splitImageName(image).repository,
        registryId,
      );
      const { id } = await getAgentHub().call(
        hostId,
        "image.pull",
        { image, auth },
        { timeoutMs: PULL_TIMEOUT_MS, onProgress: options.onProgress, signal: options.signal },
      );
      return { id, image };
    },
  );
}
