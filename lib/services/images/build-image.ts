import { BuildOptionsSchema, type ImageBuildResult } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { readContextDockerfile } from "@/lib/images/context-dockerfile";
import { imagesPulledBy } from "@/lib/images/dockerfile-images";
import { registryAuthsForImages } from "@/lib/services/registries/resolve-registry-auth";
import type { LongCallOptions } from "./pull-image";
import { withUpload } from "./send-upload";

const BUILD_TIMEOUT_MS = 2 * 60 * 60_000;

/**
 * `docker build` on one host: the context tar is streamed from the request body to the agent
 * (acked chunks), the engine builds it, output comes back as "build" progress. The build gets
 * the credentials of the registries its Dockerfile pulls from, found near the context's start.
 */
export async function buildImage(
  user: SessionUser,
  hostId: string,
  input: unknown,
  context: AsyncIterable<Uint8Array>,
  options: LongCallOptions = {},
): Promise<ImageBuildResult> {
  const buildOptions = BuildOptionsSchema.parse(input);
  return audited(
    {
      actor: user,
      action: "image.build",
      hostId,
      target: buildOptions.tags.join(", ") || null,
      params: {
        dockerfile: buildOptions.dockerfile,
        target: buildOptions.target ?? null,
        buildArgs: Object.keys(buildOptions.buildArgs),
        noCache: buildOptions.noCache,
        pull: buildOptions.pull,
      },
      clientAddress: options.clientAddress,
    },
    async () => {
      await requireHostPermission(user, hostId, "image.build");
      // The Dockerfile names the registries the build pulls from: only theirs go to the host.
      const read = await readContextDockerfile(context, buildOptions.dockerfile);
      const images = read.dockerfile ? imagesPulledBy(read.dockerfile, buildOptions.buildArgs) : [];
      const auths = await registryAuthsForImages(user, images);
      return withUpload(hostId, read.context, (uploadId) =>
        getAgentHub().call(
          hostId,
          "image.build",
          { uploadId, options: buildOptions, auths },
          { timeoutMs: BUILD_TIMEOUT_MS, onProgress: options.onProgress, signal: options.signal },
        ),
      );
    },
  );
}
