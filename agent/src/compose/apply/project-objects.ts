import type Docker from "dockerode";
import { HELPER_LABEL } from "@/lib/protocol";
import type { ListItem } from "../../engine/container-summary";
import { ComposeLabel } from "./compose-labels";

/** A container of a compose project, as its labels and the engine's list describe it. */
export interface ProjectContainer {
  id: string;
  name: string;
  service: string;
  /** container-number; null when missing or not a number. */
  number: number | null;
  configHash: string | null;
  /** The image id recorded at creation (com.docker.compose.image). */
  imageId: string | null;
  oneoff: boolean;
  /** created, running, paused, restarting, exited, dead */
  state: string;
  status: string;
  image: string;
  /** ms since the epoch */
  created: number;
  labels: Record<string, string>;
  ports: NonNullable<ListItem["Ports"]>;
}

const labelFilter = (key: string, value?: string) =>
  value === undefined ? key : `${key}=${value}`;

function toProjectContainer(item: ListItem): ProjectContainer {
  const labels = item.Labels ?? {};
  const number = Number.parseInt(labels[ComposeLabel.number] ?? "", 10);
  return {
    id: item.Id,
    name: (item.Names?.[0] ?? "").replace(/^\//, ""),
    service: labels[ComposeLabel.service] ?? "",
    number: Number.isFinite(number) ? number : null,
    configHash: labels[ComposeLabel.configHash] ?? null,
    imageId: labels[ComposeLabel.image] ?? null,
    oneoff: labels[ComposeLabel.oneoff] === "True",
    state: item.State ?? "",
    status: item.Status ?? "",
    image: item.Image ?? "",
    created: (item.Created ?? 0) * 1000,
    labels: { ...labels },
    ports: item.Ports ?? [],
  };
}

/** Lowest container number first; containers without one last. */
export const byNumber = (a: ProjectContainer, b: ProjectContainer) =>
  (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) ||
  a.name.localeCompare(b.name);

/**
 * Containers carrying compose's project label (of one project, and one service, when given),
 * stopped ones included; Berth's helper containers never.
 */
export async function listProjectContainers(
  docker: Docker,
  project?: string,
  service?: string,
): Promise<ProjectContainer[]> {
  const label = [labelFilter(ComposeLabel.project, project)];
  if (service !== undefined) label.push(labelFilter(ComposeLabel.service, service));
  const items = (await docker.listContainers({
    all: true,
    filters: { label },
  })) as unknown as ListItem[];
  return items
    .filter((item) => item.Labels?.[HELPER_LABEL] === undefined)
    .map(toProjectContainer)
    .sort(byNumber);
}

/** A project's network or volume: its engine name and its compose key. */
export interface ProjectResource {
  project: string;
  name: string;
  key: string | null;
}

export async function listProjectNetworks(
  docker: Docker,
  project?: string,
): Promise<ProjectResource[]> {
  const networks = await docker.listNetworks({
    filters: { label: [labelFilter(ComposeLabel.project, project)] },
  });
  return networks
    .map((n) => ({
      project: n.Labels?.[ComposeLabel.project] ?? "",
      name: n.Name,
      key: n.Labels?.[ComposeLabel.network] ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function listProjectVolumes(
  docker: Docker,
  project?: string,
): Promise<ProjectResource[]> {
  const { Volumes } = await docker.listVolumes({
    filters: { label: [labelFilter(ComposeLabel.project, project)] },
  });
  return (Volumes ?? [])
    .filter((v) => (v.Labels as Record<string, string> | null)?.[HELPER_LABEL] === undefined)
    .map((v) => {
      const labels = (v.Labels as Record<string, string> | null) ?? {};
      return {
        project: labels[ComposeLabel.project] ?? "",
        name: v.Name,
        key: labels[ComposeLabel.volume] ?? null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const statusOf = (err: unknown) => (err as { statusCode?: unknown } | null)?.statusCode;

/** POST /containers/{id}/stop with the container's own timeout unless one is given; 304 is fine. */
export async function stopContainer(
  docker: Docker,
  id: string,
  timeoutSeconds?: number,
): Promise<void> {
  try {
    await docker.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
  } catch (err) {
    if (statusOf(err) !== 304) throw err;
  }
}

/** The container is (or may soon be) running: it has something to stop. */
export const isUp = (c: ProjectContainer) =>
  c.state === "running" || c.state === "paused" || c.state === "restarting";
