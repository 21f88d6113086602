import { BerthError, type ComposeDependency } from "@/lib/protocol";
import type { CommandContext } from "../../engine/command-types";
import type { ComposeSteps } from "./compose-steps";
import { listProjectContainers } from "./project-objects";

/** How often the dependency's containers are looked at (compose polls every 500 ms too). */
const POLL_MS = 500;
/** How long a dependent waits for its dependency's condition before the deploy fails. */
export const DEPENDENCY_TIMEOUT_MS = 5 * 60_000;

const WAITING_FOR: Record<ComposeDependency["condition"], string> = {
  service_started: "to start",
  service_healthy: "to be healthy",
  service_completed_successfully: "to complete successfully",
};

interface ContainerInspect {
  Name?: string;
  State?: { Status?: string; ExitCode?: number; Health?: { Status?: string } | null };
}

/**
 * Whether one container meets the condition: true, false (not yet), or an error in compose's
 * words when it never will.
 */
function conditionMet(
  dependency: string,
  condition: ComposeDependency["condition"],
  inspect: ContainerInspect,
): boolean {
  const name = (inspect.Name ?? "").replace(/^\//, "");
  const state = inspect.State?.Status ?? "";
  const exitCode = inspect.State?.ExitCode ?? 0;
  if (condition === "service_completed_successfully") {
    if (state !== "exited" && state !== "dead") return false;
    if (exitCode === 0) return true;
    throw new BerthError(
      "CONFLICT",
      `service "${dependency}" didn't complete successfully: exit ${exitCode}`,
    );
  }
  if (condition === "service_healthy") {
    const health = inspect.State?.Health?.Status;
    if (health === undefined || health === "none")
      throw new BerthError("CONFLICT", `container ${name} has no healthcheck configured`);
    if (state === "exited" || state === "dead")
      throw new BerthError("CONFLICT", `container ${name} exited (${exitCode})`);
    if (health === "unhealthy") throw new BerthError("CONFLICT", `container ${name} is unhealthy`);
    return health === "healthy";
  }
  return state !== "created";
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/**
 * Waits until every container of `dependency` meets the condition, as a live step ("Waiting for
 * db to be healthy"). `service_started` needs no wait: the dependency was started before. A
 * dependency that is not required only warns when it fails or has no containers.
 */
export async function waitForDependency(
  ctx: CommandContext,
  steps: ComposeSteps,
  args: {
    project: string;
    service: string;
    dependency: string;
    condition: ComposeDependency["condition"];
    required: boolean;
    timeoutMs?: number;
  },
): Promise<void> {
  const { project, service, dependency, condition, required } = args;
  if (condition === "service_started") return;
  const step = steps.begin({
    kind: "container",
    target: dependency,
    service,
    action: `Waiting for ${dependency} ${WAITING_FOR[condition]}`,
  });
  const deadline = Date.now() + (args.timeoutMs ?? DEPENDENCY_TIMEOUT_MS);
  try {
    for (;;) {
      if (ctx.signal?.aborted) throw new BerthError("CONFLICT", "Cancelled.");
      const containers = (await listProjectContainers(ctx.docker, project, dependency)).filter(
        (c) => !c.oneoff,
      );
      if (containers.length === 0)
        throw new BerthError("NOT_FOUND", `service ${dependency} has no containers`);
      let met = true;
      for (const container of containers) {
        const inspect = (await ctx.docker.getContainer(container.id).inspect()) as ContainerInspect;
        if (!conditionMet(dependency, condition, inspect)) met = false;
      }
      if (met) break;
      if (Date.now() > deadline)
        throw new BerthError(
          "TIMEOUT",
          `${dependency} was not ${condition === "service_healthy" ? "healthy" : "complete"} after ${Math.round((args.timeoutMs ?? DEPENDENCY_TIMEOUT_MS) / 1000)} s`,
        );
      await sleep(POLL_MS, ctx.signal);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!required && !(ctx.signal?.aborted ?? false)) {
      step.done(`${message}; ${service} does not require it and starts anyway`);
      return;
    }
    step.fail(message);
    throw new BerthError(
      err instanceof BerthError ? err.code : "ENGINE_ERROR",
      `dependency ${dependency} failed to start: ${message}`,
    );
  }
  step.done();
}
