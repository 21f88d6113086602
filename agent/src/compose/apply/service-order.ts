import { BerthError, type ComposePlan, type ComposePlannedService } from "@/lib/protocol";
import { ComposeLabel, parseDependsOnLabel } from "./compose-labels";
import type { ProjectContainer } from "./project-objects";

/**
 * Names in dependency order (dependencies first), otherwise in the order given. Dependencies
 * outside `names` are ignored. A cycle is an error when `strict`; otherwise its services follow
 * the others in the order given (a project rebuilt from labels may hold anything).
 */
export function orderByDependencies(
  names: string[],
  dependenciesOf: (name: string) => string[],
  strict: boolean,
): string[] {
  const known = new Set(names);
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]): boolean => {
    const seen = state.get(name);
    if (seen === "done") return true;
    if (seen === "visiting") {
      if (strict) {
        const cycle = [...path.slice(path.indexOf(name)), name].join(" → ");
        throw new BerthError(
          "BAD_REQUEST",
          `The services depend on each other in a circle: ${cycle}.`,
        );
      }
      return false;
    }
    state.set(name, "visiting");
    for (const dependency of dependenciesOf(name)) {
      if (known.has(dependency) && !visit(dependency, [...path, name])) {
        state.delete(name);
        return false;
      }
    }
    state.set(name, "done");
    ordered.push(name);
    return true;
  };
  for (const name of names) visit(name, []);
  for (const name of names) if (!ordered.includes(name)) ordered.push(name);
  return ordered;
}

/**
 * The plan's services to deploy, dependencies first: all, or the ones asked for and what they
 * depend on. A required dependency the plan lacks is an error naming both services.
 */
export function selectServices(
  plan: ComposePlan,
  wanted: string[] | undefined,
): ComposePlannedService[] {
  const byName = new Map(plan.services.map((s) => [s.name, s]));
  for (const service of plan.services) {
    if (service.containerName !== undefined && service.replicas > 1) {
      throw new BerthError(
        "BAD_REQUEST",
        `Service ${service.name} has container_name ${service.containerName}, so it cannot run ${service.replicas} replicas: container names are unique.`,
      );
    }
    for (const [dependency, d] of Object.entries(service.dependsOn)) {
      if (!byName.has(dependency) && d.required) {
        throw new BerthError(
          "BAD_REQUEST",
          `Service ${service.name} depends on ${dependency}, which is not a service of the project${plan.disabledServices.includes(dependency) ? " (its profile is not enabled)" : ""}.`,
        );
      }
    }
  }
  let names = plan.services.map((s) => s.name);
  if (wanted !== undefined) {
    const unknown = wanted.filter((name) => !byName.has(name));
    if (unknown.length > 0) {
      throw new BerthError(
        "BAD_REQUEST",
        `No service ${unknown.join(", ")} in project ${plan.project}.`,
        "services",
      );
    }
    const chosen = new Set<string>();
    const add = (name: string) => {
      if (chosen.has(name) || !byName.has(name)) return;
      chosen.add(name);
      for (const dependency of Object.keys(byName.get(name)?.dependsOn ?? {})) add(dependency);
    };
    wanted.forEach(add);
    names = names.filter((name) => chosen.has(name));
  }
  const order = orderByDependencies(
    names,
    (name) => Object.keys(byName.get(name)?.dependsOn ?? {}),
    true,
  );
  return order.map((name) => byName.get(name)!);
}

/** What each service of a project found by its labels depends on (its containers' depends_on labels). */
export function labelledDependencies(
  containers: ProjectContainer[],
): Map<string, ReturnType<typeof parseDependsOnLabel>> {
  const dependencies = new Map<string, ReturnType<typeof parseDependsOnLabel>>();
  for (const container of containers) {
    const known = dependencies.get(container.service) ?? [];
    for (const d of parseDependsOnLabel(container.labels[ComposeLabel.dependsOn])) {
      if (!known.some((k) => k.service === d.service)) known.push(d);
    }
    dependencies.set(container.service, known);
  }
  return dependencies;
}

/** The services of a project found by its labels, dependencies first. */
export function labelledServiceOrder(containers: ProjectContainer[]): string[] {
  const dependencies = labelledDependencies(containers);
  return orderByDependencies(
    [...dependencies.keys()].sort(),
    (name) => (dependencies.get(name) ?? []).map((d) => d.service),
    false,
  );
}

/**
 * The project's services in waves to stop, as compose stops them: each wave at once, every
 * service after the services that depend on it (a cycle in the labels falls back to the order).
 */
export function labelledStopWaves(containers: ProjectContainer[]): string[][] {
  const dependencies = labelledDependencies(containers);
  const waveOf = new Map<string, number>();
  for (const service of labelledServiceOrder(containers).reverse()) {
    let wave = 0;
    for (const [dependent, of] of dependencies) {
      const after = waveOf.get(dependent);
      if (after !== undefined && of.some((d) => d.service === service))
        wave = Math.max(wave, after + 1);
    }
    waveOf.set(service, wave);
  }
  const waves: string[][] = [];
  for (const [service, wave] of waveOf) (waves[wave] ??= []).push(service);
  return waves;
}
