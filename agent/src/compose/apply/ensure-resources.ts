import {
  BerthError,
  NetworkSpecSchema,
  VolumeCreateSchema,
  type ComposePlan,
} from "@/lib/protocol";
import type { CommandContext } from "../../engine/command-types";
import { networkCreate } from "../../engine/network-create";
import { createCheckedVolume } from "../../volumes/create-volume";
import { resourceLabels } from "./compose-labels";
import type { ComposeSteps } from "./compose-steps";

const statusOf = (err: unknown) => (err as { statusCode?: unknown } | null)?.statusCode;

async function exists(inspect: () => Promise<unknown>): Promise<boolean> {
  try {
    await inspect();
    return true;
  } catch (err) {
    if (statusOf(err) === 404) return false;
    throw err;
  }
}

/**
 * Creates the plan's networks that are missing, with compose's labels (through the same checks
 * as `network.create`); an external network must exist already. Existing ones are used as they are.
 */
export async function ensureNetworks(
  ctx: CommandContext,
  steps: ComposeSteps,
  plan: ComposePlan,
): Promise<void> {
  for (const network of plan.networks) {
    if (await exists(() => ctx.docker.getNetwork(network.name).inspect())) continue;
    if (network.external) {
      throw new BerthError(
        "NOT_FOUND",
        `network ${network.name} declared as external, but could not be found`,
        `networks.${network.key}`,
      );
    }
    const spec = network.spec ?? NetworkSpecSchema.parse({ name: network.name });
    await steps.run({ kind: "network", target: network.name, action: "Creating" }, () =>
      networkCreate(
        {
          spec: {
            ...spec,
            name: network.name,
            labels: resourceLabels(plan.project, "network", network.key, spec.labels),
          },
        },
        ctx,
      ),
    );
  }
}

/**
 * Creates the plan's volumes that are missing, with compose's labels (a bind-like volume of a path
 * the agent guards is refused); an external volume must exist already.
 */
export async function ensureVolumes(
  ctx: CommandContext,
  steps: ComposeSteps,
  plan: ComposePlan,
  allowProtectedPaths: boolean,
): Promise<void> {
  for (const volume of plan.volumes) {
    if (await exists(() => ctx.docker.getVolume(volume.name).inspect())) continue;
    if (volume.external) {
      throw new BerthError(
        "NOT_FOUND",
        `external volume "${volume.name}" not found`,
        `volumes.${volume.key}`,
      );
    }
    const spec = volume.spec ?? VolumeCreateSchema.parse({});
    await steps.run({ kind: "volume", target: volume.name, action: "Creating" }, () =>
      createCheckedVolume(ctx, {
        ...spec,
        name: volume.name,
        labels: resourceLabels(plan.project, "volume", volume.key, spec.labels),
        allowProtectedPaths,
      }),
    );
  }
}
