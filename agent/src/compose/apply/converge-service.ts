import type Docker from "dockerode";
import type { ComposePlan, ComposePlannedService, RunSpec } from "@/lib/protocol";
import type { CommandContext } from "../../engine/command-types";
import { createFromSpec, removeQuietly, startContainer } from "../../engine/create-from-spec";
import { refuseProtectedMounts } from "../../policy/refuse-protected-mounts";
import { ComposeLabel, containerLabels } from "./compose-labels";
import type { ComposeSteps } from "./compose-steps";
import { copyFileMounts } from "./copy-file-mounts";
import {
  isUp,
  listProjectContainers,
  stopContainer,
  type ProjectContainer,
} from "./project-objects";
import { waitForDependency } from "./wait-for-dependency";

/** One service being brought in line with the plan during `compose.up`. */
export interface ServiceRun {
  ctx: CommandContext;
  steps: ComposeSteps;
  plan: ComposePlan;
  service: ComposePlannedService;
  /** The local id of the image its containers run. */
  imageId: string;
  forceRecreate: boolean;
  /** The host's policy lets containers bind the agent's protected paths. */
  allowProtectedPaths: boolean;
  /** The services this deploy works on, dependencies first. */
  selected: ComposePlannedService[];
}

type VolumeMount = RunSpec["volumes"][number];

/** `<project>-<service>-<n>`, or the service's container_name. */
export const replicaName = (plan: ComposePlan, service: ComposePlannedService, number: number) =>
  service.containerName ?? `${plan.project}-${service.name}-${number}`;

/** Why a container must be recreated, or null when it is up to date. */
function recreateReason(run: ServiceRun, container: ProjectContainer): string | null {
  if (run.forceRecreate) return "recreate forced";
  if (container.configHash !== run.service.configHash) return "configuration changed";
  if (container.imageId !== run.imageId) return "image changed";
  return null;
}

/**
 * The anonymous volumes of a container being replaced (an image's VOLUME, say), mounted at the
 * same places in its replacement so their data stays, as compose does.
 */
async function anonymousVolumes(docker: Docker, id: string, spec: RunSpec): Promise<VolumeMount[]> {
  const info = (await docker.getContainer(id).inspect()) as {
    Mounts?: Array<{ Type?: string; Name?: string; Destination?: string; RW?: boolean }>;
  };
  const taken = new Set([
    ...spec.volumes.map((v) => v.target),
    ...spec.binds.map((b) => b.target),
    ...spec.tmpfs.map((t) => t.target),
  ]);
  return (info.Mounts ?? []).flatMap((m) =>
    m.Type === "volume" &&
    m.Name &&
    /^[0-9a-f]{64}$/.test(m.Name) &&
    m.Destination &&
    !taken.has(m.Destination)
      ? [{ name: m.Name, target: m.Destination, readOnly: m.RW === false }]
      : [],
  );
}

const unique = (values: string[]) => [...new Set(values)];

/**
 * Creates (does not start) one replica: the service's run spec with compose's labels, the name,
 * the service and container names as aliases on every network, then its configs and secrets
 * copied in. Resolves with its id.
 */
async function createReplica(
  run: ServiceRun,
  number: number,
  names: { create: string; final: string },
  extra: { replace?: string; inherit?: VolumeMount[] } = {},
): Promise<string> {
  const { ctx, plan, service } = run;
  const labels = containerLabels(plan, service, number, run.imageId);
  if (extra.replace !== undefined) labels[ComposeLabel.replace] = extra.replace;
  const spec: RunSpec = {
    ...service.spec,
    name: names.create,
    labels,
    networks: service.spec.networks.map((n) =>
      // the default bridge has no aliases
      n.name === "bridge"
        ? n
        : { ...n, aliases: unique([names.final, service.name, ...n.aliases]) },
    ),
    volumes: [...service.spec.volumes, ...(extra.inherit ?? [])],
    // the image was built or pulled before
    pullPolicy: "never",
    repullOnRecreate: false,
    start: false,
  };
  await refuseProtectedMounts(spec, run.allowProtectedPaths, ctx);
  const created = await createFromSpec(spec, ctx, { name: names.create, start: false });
  try {
    await copyFileMounts(ctx.socketPath, created.id, service.files);
  } catch (err) {
    await removeQuietly(ctx.docker, created.id, ctx.socketPath);
    throw err;
  }
  return created.id;
}

/**
 * Replaces a container as compose does: the new one is created beside it under a temporary
 * name (labelled with what it replaces), then the old one is stopped and removed and the new one
 * takes its name. Until the old one is stopped, nothing has changed for it.
 */
async function recreateReplica(
  run: ServiceRun,
  old: ProjectContainer,
  number: number,
  reason: string,
): Promise<string> {
  const { ctx, plan, service } = run;
  const name = replicaName(plan, service, number);
  return run.steps.run(
    {
      kind: "container",
      target: name,
      service: service.name,
      action: "Recreating",
      message: reason,
    },
    async () => {
      const inherit = await anonymousVolumes(ctx.docker, old.id, service.spec);
      const id = await createReplica(
        run,
        number,
        { create: `${old.id.slice(0, 12)}_${name}`, final: name },
        { replace: service.containerName ?? `${service.name}-${number}`, inherit },
      );
      try {
        await stopContainer(ctx.docker, old.id);
        await ctx.docker.getContainer(old.id).remove({ force: true });
      } catch (err) {
        await removeQuietly(ctx.docker, id, ctx.socketPath);
        throw err;
      }
      await ctx.docker.getContainer(id).rename({ name });
      return id;
    },
  );
}

/**
 * Stops the running containers of the services that declare `restart: true` on this one before
 * it is recreated; they are started again when their turn comes (compose does the same).
 */
async function stopRestartingDependents(run: ServiceRun): Promise<void> {
  const { ctx, plan, service } = run;
  for (const dependent of run.selected) {
    if (!dependent.dependsOn[service.name]?.restart) continue;
    const containers = await listProjectContainers(ctx.docker, plan.project, dependent.name);
    for (const container of containers.filter((c) => !c.oneoff && isUp(c))) {
      await run.steps.run(
        {
          kind: "container",
          target: container.name,
          service: dependent.name,
          action: "Stopping",
          message: `${service.name} is recreated and ${dependent.name} restarts with it`,
        },
        () => stopContainer(ctx.docker, container.id),
      );
    }
  }
}

/**
 * Brings one service in line with the plan: waits for its dependencies' conditions, removes
 * replicas beyond the wanted number (highest numbers first), recreates the ones whose
 * configuration or image changed, creates the missing ones, and starts whatever is not running.
 */
export async function convergeService(run: ServiceRun): Promise<void> {
  const { ctx, steps, plan, service } = run;
  for (const [dependency, condition] of Object.entries(service.dependsOn)) {
    const planned = plan.services.find((s) => s.name === dependency);
    // compose does not wait on a dependency scaled to zero
    if (!planned || planned.replicas === 0) continue;
    await waitForDependency(ctx, steps, {
      project: plan.project,
      service: service.name,
      dependency,
      condition: condition.condition,
      required: condition.required,
    });
  }

  const containers = (await listProjectContainers(ctx.docker, plan.project, service.name)).filter(
    (c) => !c.oneoff,
  );
  const kept = containers.slice(0, service.replicas);
  for (const extra of containers.slice(service.replicas).reverse()) {
    await steps.run(
      { kind: "container", target: extra.name, service: service.name, action: "Removing" },
      async () => {
        await stopContainer(ctx.docker, extra.id);
        await ctx.docker.getContainer(extra.id).remove({ force: true });
      },
    );
  }

  let next = Math.max(0, ...kept.map((c) => c.number ?? 0)) + 1;
  const reasons = kept.map((c) => recreateReason(run, c));
  if (reasons.some((r) => r !== null)) await stopRestartingDependents(run);
  const toStart: Array<{ id: string; name: string }> = [];
  for (const [i, container] of kept.entries()) {
    const reason = reasons[i] ?? null;
    if (reason !== null) {
      const number = container.number ?? next++;
      const id = await recreateReplica(run, container, number, reason);
      toStart.push({ id, name: replicaName(plan, service, number) });
    } else if (container.state === "paused") {
      await steps.run(
        { kind: "container", target: container.name, service: service.name, action: "Unpausing" },
        () => ctx.docker.getContainer(container.id).unpause(),
      );
    } else if (isUp(container)) {
      steps.record({
        kind: "container",
        target: container.name,
        service: service.name,
        action: "Running",
        message: "up to date",
      });
    } else {
      toStart.push({ id: container.id, name: container.name });
    }
  }
  for (let count = kept.length; count < service.replicas; count++) {
    const number = next++;
    const name = replicaName(plan, service, number);
    const id = await steps.run(
      { kind: "container", target: name, service: service.name, action: "Creating" },
      () => createReplica(run, number, { create: name, final: name }),
    );
    toStart.push({ id, name });
  }
  for (const container of toStart) {
    await steps.run(
      { kind: "container", target: container.name, service: service.name, action: "Starting" },
      () => startContainer(ctx.docker, container.id),
    );
  }
}
