import type Docker from "dockerode";
import type { ComposeContainer, ComposeProjectSummary } from "@/lib/protocol";
import { healthFromStatus } from "../../engine/container-summary";
import { ComposeLabel } from "./compose-labels";
import {
  listProjectContainers,
  listProjectNetworks,
  listProjectVolumes,
  type ProjectContainer,
} from "./project-objects";

function toComposeContainer(c: ProjectContainer): ComposeContainer {
  const health = healthFromStatus(c.status);
  return {
    id: c.id,
    name: c.name,
    service: c.service,
    number: c.number,
    state: c.state,
    status: c.status,
    health: health === "none" ? null : health,
    image: c.image,
    ports: c.ports.map((p) => ({
      ...(p.IP ? { hostIp: p.IP } : {}),
      ...(p.PublicPort ? { published: p.PublicPort } : {}),
      target: p.PrivatePort,
      protocol: p.Type,
    })),
    configHash: c.configHash,
    oneoff: c.oneoff,
    created: c.created,
  };
}

const emptyProject = (name: string): ComposeProjectSummary => ({
  name,
  workingDir: null,
  configFiles: [],
  services: [],
  networks: [],
  volumes: [],
});

/**
 * Every compose project on the host, found by compose's project label on containers, networks
 * and volumes (whoever made them): its folder and files, its services with their containers,
 * its networks and volumes. One-off containers (`compose run`) and Berth's helpers are left out.
 */
export async function listProjects(docker: Docker): Promise<ComposeProjectSummary[]> {
  const [containers, networks, volumes] = await Promise.all([
    listProjectContainers(docker),
    listProjectNetworks(docker),
    listProjectVolumes(docker),
  ]);
  const projects = new Map<string, ComposeProjectSummary>();
  const project = (name: string) => {
    let found = projects.get(name);
    if (!found) {
      found = emptyProject(name);
      projects.set(name, found);
    }
    return found;
  };
  for (const c of containers) {
    const name = c.labels[ComposeLabel.project];
    if (!name || c.oneoff) continue;
    const summary = project(name);
    summary.workingDir ??= c.labels[ComposeLabel.workingDir] || null;
    if (summary.configFiles.length === 0) {
      summary.configFiles = (c.labels[ComposeLabel.configFiles] ?? "").split(",").filter(Boolean);
    }
    let service = summary.services.find((s) => s.name === c.service);
    if (!service) {
      service = { name: c.service, image: c.image, containers: [] };
      summary.services.push(service);
    }
    service.containers.push(toComposeContainer(c));
  }
  for (const n of networks) {
    if (n.project) project(n.project).networks.push({ name: n.name, key: n.key });
  }
  for (const v of volumes) {
    if (v.project) project(v.project).volumes.push({ name: v.name, key: v.key });
  }
  for (const summary of projects.values()) {
    summary.services.sort((a, b) => a.name.localeCompare(b.name));
  }
  return [...projects.values()].sort((a, b) => a.name.localeCompare(b.name));
}
