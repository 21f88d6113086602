import { z } from "zod";
import { ImageNameSchema, splitImageName } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { resolveRegistryAuth } from "@/lib/services/registries/resolve-registry-auth";
import type { LongCallOptions } from "./pull-image";

const PUSH_TIMEOUT_MS = 60 * 60_000;

const PushInputSchema = z.object({
  image: ImageNameSchema,
  registryId: z.string().max(100).optional(),
});

export type PushedImage = { image: string; digest: string | null };

/** `docker push` from one host with the credentials of a registry the user may use. */
export async function pushImage(
  user: SessionUser,
  hostId: string,
  input: unknown,
  options: LongCallOptions = {},
): Promise<PushedImage> {
  const { image, registryId } = PushInputSchema.parse(input);
  return audited(
    {
      actor: user,
      action: "image.push",
      hostId,
      target: image,
      clientAddress: options.clientAddress,
    },
    async () => {
      await requireHostPermission(user, hostId, "image.push");
      const { auth } = await resolveRegistryAuth(
        user,
        splitImageName(image).repository,
        registryId,
      );
      const { digest } = await getAgentHub().call(
        hostId,
        "image.push",
        { image, auth },
        { timeoutMs: PUSH_TIMEOUT_MS, onProgress: options.onProgress, signal: options.signal },
      );
      return { image, digest };
    },
  );
}
