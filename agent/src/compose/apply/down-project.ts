import type { AgentCommandParams, ComposeStep } from "@/lib/protocol";
import type { CommandContext } from "../../engine/command-types";
import { toWireError } from "../../engine/engine-errors";
import { ComposeSteps } from "./compose-steps";
import {
  isUp,
  listProjectContainers,
  listProjectNetworks,
  listProjectVolumes,
  stopContainer,
} from "./project-objects";
import { labelledStopWaves } from "./service-order";
import { removeStackFiles, requireStacksDir } from "./stack-files";

type DownParams = AgentCommandParams<"compose.down">;

const statusOf = (err: unknown) => (err as { statusCode?: unknown } | null)?.statusCode;

/** Removing something already gone is done. */
async function removeIfThere(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
}

/**
 * `docker compose down`: the project's containers (found by their labels, dependents first, each
 * wave of services at once) stopped and removed, then its networks; its volumes with `removeVolumes` (external ones carry
 * no project label and are never touched); the stack's files with `removeFiles`.
 */
export async function downProject(params: DownParams, ctx: CommandContext): Promise<ComposeStep[]> {
  const { project } = params;
  const { docker } = ctx;
  const steps = new ComposeSteps(
    ctx.emitProgress,
    (err) => toWireError(err, ctx.socketPath).message,
  );
  const containers = await listProjectContainers(docker, project);
  for (const wave of labelledStopWaves(containers)) {
    const outcomes = await Promise.allSettled(
      containers
        .filter((c) => wave.includes(c.service))
        .map(async (container) => {
          const step = {
            kind: "container" as const,
            target: container.name,
            service: container.service,
          };
          if (isUp(container)) {
            await steps.run({ ...step, action: "Stopping" }, () =>
              stopContainer(docker, container.id, params.timeoutSeconds),
            );
          }
          await steps.run({ ...step, action: "Removing" }, () =>
            removeIfThere(() =>
              docker.getContainer(container.id).remove({ force: true, v: params.removeVolumes }),
            ),
          );
        }),
    );
    const failed = outcomes.find((o) => o.status === "rejected");
    if (failed) throw failed.reason;
  }
  for (const network of await listProjectNetworks(docker, project)) {
    await steps.run({ kind: "network", target: network.name, action: "Removing" }, () =>
      removeIfThere(() => docker.getNetwork(network.name).remove()),
    );
  }
  if (params.removeVolumes) {
    for (const volume of await listProjectVolumes(docker, project)) {
      await steps.run({ kind: "volume", target: volume.name, action: "Removing" }, () =>
        removeIfThere(() => docker.getVolume(volume.name).remove()),
      );
    }
  }
  if (params.removeFiles) {
    const stacksDir = requireStacksDir(ctx.stacksDir);
    await steps.run(
      { kind: "project", target: project, action: "Removing files" },
      async (step) => {
        const gone = await removeStackFiles(stacksDir, project, params.removeVolumes);
        if (!gone)
          step.note(
            "the stack's folder stays: it holds what containers wrote into bind mounts under it (down with volumes removes it)",
          );
      },
    );
  }
  return steps.steps;
}
