import type Docker from "dockerode";
import { BerthError } from "@/lib/protocol";
import { SECONDS_IN_NS } from "./service-summary";
import type { CommandHandler } from "./command-types";

type Inspect = {
  Version?: { Index?: number };
  Spec: {
    TaskTemplate?: { ContainerSpec?: { Image?: string }; ForceUpdate?: number };
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
    UpdateConfig?: Record<string, unknown>;
  };
};

/**
 * `docker service update` of the image, the replica count or the update policy, at the
 * service's current version. A new image rolls out task by task under the update policy.
 */
export const serviceUpdate: CommandHandler<"service.update"> = async ({ id, change }, ctx) => {
  const service = ctx.docker.getService(id);
  const current = (await service.inspect()) as Inspect;
  const spec = structuredClone(current.Spec);
  if (change.image) {
    spec.TaskTemplate = {
      ...spec.TaskTemplate,
      ContainerSpec: { ...spec.TaskTemplate?.ContainerSpec, Image: change.image },
    };
  }
  if (change.replicas !== undefined) {
    if (spec.Mode?.Global) {
      throw new BerthError(
        "BAD_REQUEST",
        "A global service runs one task on every node: it cannot be scaled.",
        "replicas",
      );
    }
    spec.Mode = { Replicated: { Replicas: change.replicas } };
  }
  if (change.update) {
    const u = change.update;
    spec.UpdateConfig = {
      ...spec.UpdateConfig,
      ...(u.parallelism !== undefined ? { Parallelism: u.parallelism } : {}),
      ...(u.delaySeconds !== undefined
        ? { Delay: Math.round(u.delaySeconds * SECONDS_IN_NS) }
        : {}),
      ...(u.failureAction ? { FailureAction: u.failureAction } : {}),
      ...(u.order ? { Order: u.order } : {}),
      ...(u.monitorSeconds !== undefined
        ? { Monitor: Math.round(u.monitorSeconds * SECONDS_IN_NS) }
        : {}),
    };
  }
  const result = (await service.update({
    version: current.Version?.Index ?? 0,
    ...spec,
  } as unknown as Docker.ServiceSpec)) as { Warnings?: string[] | null } | undefined;
  ctx.swarmChanged?.();
  return { warnings: result?.Warnings ?? [] };
};
