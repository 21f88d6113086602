import { ImageRefSchema, type ImageLayer } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { maskHistoryStep, maskEnvEntries } from "@/lib/containers/secret-env";

export type ImageDetail = {
  inspect: Record<string, unknown>;
  layers: ImageLayer[];
  role: HostRoleName;
};

type WithEnv = { Env?: unknown } | null | undefined;

function maskConfig(config: WithEnv): WithEnv {
  if (!config || !Array.isArray(config.Env)) return config;
  return { ...config, Env: maskEnvEntries(config.Env.filter((e) => typeof e === "string")) };
}

/**
 * `docker image inspect` and `docker history` of one image. An image committed from a container
 * keeps its environment, and build arguments show in history: secret-looking values are masked
 * as on the container page (readers of images need not be allowed to see container secrets).
 */
export async function getImage(
  user: SessionUser,
  hostId: string,
  imageId: string,
): Promise<ImageDetail> {
  const id = ImageRefSchema.parse(imageId);
  const { role } = await requireHostPermission(user, hostId, "image.read");
  const hub = getAgentHub();
  const [{ inspect }, { layers }] = await Promise.all([
    hub.call(hostId, "image.inspect", { id }),
    hub.call(hostId, "image.history", { id }),
  ]);
  return {
    inspect: {
      ...inspect,
      Config: maskConfig(inspect.Config as WithEnv),
      ContainerConfig: maskConfig(inspect.ContainerConfig as WithEnv),
    },
    layers: layers.map((l) => ({ ...l, createdBy: maskHistoryStep(l.createdBy) })),
    role,
  };
}
