import type { ComposeAction, ComposePlan } from "@/lib/protocol";

/** One container of the project as the engine lists it. */
export interface ProjectContainer {
  name: string;
  service: string;
  number: number | null;
  configHash: string | null;
  running: boolean;
}

/** What the host holds now, for the plan's project. */
export interface HostState {
  containers: ProjectContainer[];
  networks: Set<string>;
  volumes: Set<string>;
  /** Whether an image reference is present locally. */
  hasImage: (reference: string) => boolean;
}

/**
 * What deploying the plan would do on the host now, in the order it would happen: networks,
 * volumes, images, then containers per service (create, recreate when the config-hash label
 * differs, start when stopped but unchanged, keep), surplus replicas and orphans removed.
 * External networks and volumes are never created; a missing one is a warning.
 */
export function planActions(
  plan: ComposePlan,
  host: HostState,
): { actions: ComposeAction[]; warnings: string[] } {
  const actions: ComposeAction[] = [];
  const warnings: string[] = [];
  for (const [kind, resources, present] of [
    ["network", plan.networks, host.networks],
    ["volume", plan.volumes, host.volumes],
  ] as const) {
    for (const resource of resources) {
      const exists = present.has(resource.name);
      if (resource.external) {
        if (!exists) warnings.push(`external ${kind} ${resource.name} does not exist on this host`);
        continue;
      }
      actions.push({ kind, target: resource.name, action: exists ? "keep" : "create" });
    }
  }
  for (const service of plan.services) {
    const image = service.spec.image;
    const present = host.hasImage(image);
    if (
      service.pullPolicy === "build" ||
      (service.build && !present && service.pullPolicy !== "never")
    ) {
      actions.push({
        kind: "image",
        target: image,
        service: service.name,
        action: "build",
        reason: present ? "pull_policy build" : "image missing",
      });
    } else if (service.pullPolicy === "always" || (service.pullPolicy === "missing" && !present)) {
      actions.push({
        kind: "image",
        target: image,
        service: service.name,
        action: "pull",
        reason: present ? "pull_policy always" : "image missing",
      });
    } else if (!present) {
      warnings.push(
        `service ${service.name}: image ${image} is missing and its pull_policy is never`,
      );
    }
  }
  for (const service of plan.services) {
    const existing = host.containers.filter((container) => container.service === service.name);
    const matched = new Set<ProjectContainer>();
    for (let number = 1; number <= service.replicas; number++) {
      const name = service.containerName ?? `${plan.project}-${service.name}-${number}`;
      const container = existing.find(
        (candidate) =>
          !matched.has(candidate) && (candidate.number === number || candidate.name === name),
      );
      const base = {
        kind: "container" as const,
        target: container?.name ?? name,
        service: service.name,
      };
      if (!container) {
        actions.push({ ...base, action: "create" });
        continue;
      }
      matched.add(container);
      if (container.configHash !== service.configHash) {
        actions.push({ ...base, action: "recreate", reason: "configuration changed" });
      } else if (!container.running) actions.push({ ...base, action: "start", reason: "stopped" });
      else actions.push({ ...base, action: "keep" });
    }
    for (const container of existing) {
      if (matched.has(container)) continue;
      actions.push({
        kind: "container",
        target: container.name,
        service: service.name,
        action: "remove",
        reason: "scaled down",
      });
    }
  }
  const known = new Set([
    ...plan.services.map((service) => service.name),
    ...plan.disabledServices,
  ]);
  for (const container of host.containers) {
    if (known.has(container.service)) continue;
    actions.push({
      kind: "container",
      target: container.name,
      service: container.service,
      action: "remove",
      reason: "orphan",
    });
  }
  return { actions, warnings };
}
