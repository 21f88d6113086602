import { BerthError, type ComposeStep, type ComposeUpParams } from "@/lib/protocol";
import type { CommandContext } from "../../engine/command-types";
import { toWireError } from "../../engine/engine-errors";
import { ComposeSteps } from "./compose-steps";
import { convergeService } from "./converge-service";
import { ensureNetworks, ensureVolumes } from "./ensure-resources";
import { ensureServiceImage } from "./ensure-images";
import { listProjectContainers, stopContainer, type ProjectContainer } from "./project-objects";
import { serviceError } from "./service-error";
import { selectServices } from "./service-order";
import { checkWorkingDir, requireStacksDir, writeStackFiles } from "./stack-files";

/**
 * Containers of the project no service of the plan accounts for (profile-disabled services are
 * not orphans), and one-off containers that have ended, as compose counts them.
 */
function isOrphan(container: ProjectContainer, services: Set<string>): boolean {
  if (container.oneoff) return container.state === "exited" || container.state === "dead";
  return !services.has(container.service);
}

/**
 * `docker compose up -d` on the Engine API: the stack's files into its folder, then networks,
 * volumes, images, and the services' containers in dependency order, each step live. A failure
 * stops there with an error naming the service; what already runs stays as it is.
 */
export async function upProject(
  params: ComposeUpParams,
  ctx: CommandContext,
): Promise<ComposeStep[]> {
  const { plan, source } = params;
  const stacksDir = requireStacksDir(ctx.stacksDir);
  if (source.project !== plan.project) {
    throw new BerthError(
      "BAD_REQUEST",
      `The source is project ${source.project} and the plan project ${plan.project}.`,
      "plan.project",
    );
  }
  checkWorkingDir(plan, stacksDir);
  const steps = new ComposeSteps(
    ctx.emitProgress,
    (err) => toWireError(err, ctx.socketPath).message,
  );
  const selected = selectServices(plan, params.services);

  await steps.run({ kind: "project", target: plan.project, action: "Writing files" }, () =>
    writeStackFiles(stacksDir, plan.project, source.files),
  );

  const known = new Set([...plan.services.map((s) => s.name), ...plan.disabledServices]);
  for (const orphan of (await listProjectContainers(ctx.docker, plan.project)).filter((c) =>
    isOrphan(c, known),
  )) {
    const step = { kind: "container" as const, target: orphan.name, service: orphan.service };
    if (!params.removeOrphans) {
      steps.record({
        ...step,
        action: "Found orphan",
        message: "not a service of the project; deploy with remove orphans to remove it",
      });
      continue;
    }
    await steps.run({ ...step, action: "Removing orphan" }, async () => {
      await stopContainer(ctx.docker, orphan.id);
      await ctx.docker.getContainer(orphan.id).remove({ force: true });
    });
  }

  await ensureNetworks(ctx, steps, plan);
  await ensureVolumes(ctx, steps, plan, params.allowProtectedPaths);

  const images = new Map<string, string>();
  for (const service of selected) {
    if (service.replicas === 0) continue;
    try {
      images.set(
        service.name,
        await ensureServiceImage(
          ctx,
          steps,
          plan,
          service,
          source.files,
          params.pull,
          params.auths,
        ),
      );
    } catch (err) {
      throw serviceError(service.name, err, ctx.socketPath);
    }
  }

  for (const service of selected) {
    try {
      await convergeService({
        ctx,
        steps,
        plan,
        service,
        imageId: images.get(service.name) ?? "",
        forceRecreate: params.forceRecreate,
        allowProtectedPaths: params.allowProtectedPaths,
        selected,
      });
    } catch (err) {
      throw serviceError(service.name, err, ctx.socketPath);
    }
  }
  return steps.steps;
}
