import type Docker from "dockerode";
import { BerthError } from "@/lib/protocol";
import { compilePlan } from "../compose/compile-plan";
import { planActions, type ProjectContainer } from "../compose/plan-actions";
import type { CommandHandler } from "./command-types";

/**
 * `compose.plan`: loads and compiles the stack, then compares the plan with what the engine holds
 * for the project now. It only reads from the engine.
 */
export const composePlan: CommandHandler<"compose.plan"> = async (
  source,
  { docker, stacksDir },
) => {
  if (!stacksDir) throw new BerthError("INTERNAL", "This agent has no folder for compose stacks.");
  const { problems, plan } = compilePlan(source, stacksDir);
  if (!plan) return { problems, plan: null, actions: [] };
  const [containers, networks, volumes, images] = await Promise.all([
    projectContainers(docker, plan.project),
    docker.listNetworks(),
    docker.listVolumes(),
    localImages(docker, [...new Set(plan.services.map((service) => service.spec.image))]),
  ]);
  const { actions, warnings } = planActions(plan, {
    containers,
    networks: new Set(networks.map((network) => network.Name)),
    volumes: new Set((volumes.Volumes ?? []).map((volume) => volume.Name)),
    hasImage: (reference) => images.has(reference),
  });
  plan.warnings.push(...warnings);
  return { problems: [], plan, actions };
};

/** The project's containers as `docker compose ps -a` finds them (one-off runs are not the project's). */
async function projectContainers(docker: Docker, project: string): Promise<ProjectContainer[]> {
  const listed = await docker.listContainers({
    all: true,
    filters: {
      label: [`com.docker.compose.project=${project}`, "com.docker.compose.oneoff=False"],
    },
  });
  return listed.map((container) => {
    const number = Number(container.Labels["com.docker.compose.container-number"]);
    return {
      name: (container.Names[0] ?? container.Id).replace(/^\//, ""),
      service: container.Labels["com.docker.compose.service"] ?? "",
      number: Number.isInteger(number) ? number : null,
      configHash: container.Labels["com.docker.compose.config-hash"] ?? null,
      running: container.State === "running",
    };
  });
}

/** Which of these references the engine holds (inspect answers 404 for the others). */
async function localImages(docker: Docker, references: string[]): Promise<Set<string>> {
  const present = await Promise.all(
    references.map((reference) =>
      docker
        .getImage(reference)
        .inspect()
        .then(
          () => true,
          (error: { statusCode?: number }) => {
            if (error.statusCode === 404) return false;
            throw error;
          },
        ),
    ),
  );
  return new Set(references.filter((_, index) => present[index]));
}
