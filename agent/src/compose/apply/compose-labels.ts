import type { ComposePlan, ComposePlannedService } from "@/lib/protocol";

/** The labels `docker compose` reads and writes (docker/compose pkg/api/labels.go). */
export const ComposeLabel = {
  project: "com.docker.compose.project",
  service: "com.docker.compose.service",
  number: "com.docker.compose.container-number",
  configHash: "com.docker.compose.config-hash",
  oneoff: "com.docker.compose.oneoff",
  workingDir: "com.docker.compose.project.working_dir",
  configFiles: "com.docker.compose.project.config_files",
  dependsOn: "com.docker.compose.depends_on",
  image: "com.docker.compose.image",
  version: "com.docker.compose.version",
  replace: "com.docker.compose.replace",
  network: "com.docker.compose.network",
  volume: "com.docker.compose.volume",
} as const;

/**
 * The compose release whose behaviour Berth follows; written as `docker compose` writes its own
 * version (nothing reads it back).
 */
export const COMPOSE_VERSION = "2.40.3";

/** `dep:condition:restart` entries joined with "," as compose writes them. */
export function dependsOnLabel(dependsOn: ComposePlannedService["dependsOn"]): string {
  return Object.entries(dependsOn)
    .map(([name, d]) => `${name}:${d.condition}:${d.restart}`)
    .join(",");
}

/** The services a container's depends_on label names (conditions as written, restart as a flag). */
export function parseDependsOnLabel(
  value: string | undefined,
): Array<{ service: string; condition: string; restart: boolean }> {
  if (!value) return [];
  return value
    .split(",")
    .filter(Boolean)
    .map((entry) => {
      const [service = "", condition = "service_started", restart = "false"] = entry.split(":");
      return { service, condition, restart: restart === "true" };
    })
    .filter((d) => d.service !== "");
}

/**
 * The labels of one replica. Compose's own labels win over the service's labels of the same key,
 * as in compose.
 */
export function containerLabels(
  plan: ComposePlan,
  service: ComposePlannedService,
  number: number,
  imageId: string,
): Record<string, string> {
  return {
    ...service.spec.labels,
    [ComposeLabel.project]: plan.project,
    [ComposeLabel.service]: service.name,
    [ComposeLabel.number]: String(number),
    [ComposeLabel.configHash]: service.configHash,
    [ComposeLabel.oneoff]: "False",
    [ComposeLabel.workingDir]: plan.workingDir,
    [ComposeLabel.configFiles]: plan.configFiles.join(","),
    [ComposeLabel.dependsOn]: dependsOnLabel(service.dependsOn),
    [ComposeLabel.image]: imageId,
    [ComposeLabel.version]: COMPOSE_VERSION,
  };
}

/**
 * A network's or volume's labels: project, key and version, no config hash (compose would take a
 * hash it cannot reproduce for a changed definition and offer to recreate the object).
 */
export function resourceLabels(
  project: string,
  kind: "network" | "volume",
  key: string,
  own: Record<string, string>,
): Record<string, string> {
  return {
    ...own,
    [ComposeLabel.project]: project,
    [ComposeLabel[kind]]: key,
    [ComposeLabel.version]: COMPOSE_VERSION,
  };
}
