import {
  BerthError,
  type ComposeDependency,
  type ComposeLifecycleParams,
  type ComposeStep,
} from "@/lib/protocol";
import type { CommandContext } from "../../engine/command-types";
import { startContainer } from "../../engine/create-from-spec";
import { toWireError } from "../../engine/engine-errors";
import { ComposeSteps } from "./compose-steps";
import { isUp, listProjectContainers, stopContainer } from "./project-objects";
import { serviceError } from "./service-error";
import { labelledDependencies, labelledServiceOrder } from "./service-order";
import { waitForDependency } from "./wait-for-dependency";

const CONDITIONS = new Set<string>([
  "service_started",
  "service_healthy",
  "service_completed_successfully",
]);

/** A condition read from a label; one Berth does not know is waited on as "started". */
const conditionOf = (value: string) =>
  (CONDITIONS.has(value) ? value : "service_started") as ComposeDependency["condition"];

/**
 * `docker compose start|stop|restart` for a project found by its labels (whoever deployed it):
 * start and restart go in dependency order and wait for each dependency's condition; stop goes
 * the other way.
 */
export async function runLifecycle(
  params: ComposeLifecycleParams,
  ctx: CommandContext,
): Promise<ComposeStep[]> {
  const { project, action, timeoutSeconds } = params;
  const { docker } = ctx;
  const steps = new ComposeSteps(
    ctx.emitProgress,
    (err) => toWireError(err, ctx.socketPath).message,
  );
  const containers = (await listProjectContainers(docker, project)).filter((c) => !c.oneoff);
  if (containers.length === 0)
    throw new BerthError("NOT_FOUND", `No compose project named ${project} on this host.`);
  const all = labelledServiceOrder(containers);
  const unknown = (params.services ?? []).filter((s) => !all.includes(s));
  if (unknown.length > 0)
    throw new BerthError(
      "BAD_REQUEST",
      `No service ${unknown.join(", ")} in project ${project}.`,
      "services",
    );
  const order = params.services ? all.filter((s) => params.services?.includes(s)) : all;
  const dependencies = labelledDependencies(containers);
  const ofService = (service: string) => containers.filter((c) => c.service === service);

  if (action === "stop") {
    for (const service of [...order].reverse()) {
      for (const container of ofService(service).reverse().filter(isUp)) {
        await steps.run(
          { kind: "container", target: container.name, service, action: "Stopping" },
          () => stopContainer(docker, container.id, timeoutSeconds),
        );
      }
    }
    return steps.steps;
  }

  for (const service of order) {
    try {
      for (const dependency of dependencies.get(service) ?? []) {
        if (!all.includes(dependency.service)) continue;
        await waitForDependency(ctx, steps, {
          project,
          service,
          dependency: dependency.service,
          condition: conditionOf(dependency.condition),
          required: true,
        });
      }
      for (const container of ofService(service)) {
        const step = { kind: "container" as const, target: container.name, service };
        if (action === "restart") {
          await steps.run({ ...step, action: "Restarting" }, () =>
            docker
              .getContainer(container.id)
              .restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds }),
          );
        } else if (container.state === "paused") {
          await steps.run({ ...step, action: "Unpausing" }, () =>
            docker.getContainer(container.id).unpause(),
          );
        } else if (!isUp(container)) {
          await steps.run({ ...step, action: "Starting" }, () =>
            startContainer(docker, container.id),
          );
        }
      }
    } catch (err) {
      throw serviceError(service, err, ctx.socketPath);
    }
  }
  return steps.steps;
}
