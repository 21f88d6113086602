import type { RunSpecInput } from "@/lib/protocol";
import type { ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import { durationSeconds } from "./compile-units";

type Path = (string | number)[];
type Mapping = Record<string, unknown>;

/** `restart:` (`no`, `always`, `on-failure[:N]`, `unless-stopped`), else `deploy.restart_policy`. */
export function compileRestart(service: ComposeService, path: Path): RunSpecInput["restartPolicy"] {
  if (service.restart !== undefined) {
    const [name = "", retries] = String(service.restart).split(":");
    if (!["no", "always", "on-failure", "unless-stopped"].includes(name)) {
      throw new ComposeFieldError(
        [...path, "restart"],
        `restart must be no, always, on-failure[:N] or unless-stopped`,
      );
    }
    return {
      name: name as "no" | "always" | "on-failure" | "unless-stopped",
      ...(retries !== undefined && { maxRetries: Number(retries) }),
    };
  }
  const policy = (service.deploy as Mapping | undefined)?.restart_policy as Mapping | undefined;
  if (!policy) return undefined;
  // deploy.restart_policy's conditions, as compose maps them onto a plain container.
  const condition = String(policy.condition ?? "any");
  const name = condition === "none" ? "no" : condition === "on-failure" ? "on-failure" : "always";
  return {
    name,
    ...(name === "on-failure" &&
      typeof policy.max_attempts === "number" && { maxRetries: policy.max_attempts }),
  };
}

/** `healthcheck:` with durations in seconds; `disable: true` or test NONE turns the image's off. */
export function compileHealthcheck(
  service: ComposeService,
  path: Path,
): RunSpecInput["healthcheck"] {
  const check = service.healthcheck as Mapping | undefined;
  if (!check) return undefined;
  const at = [...path, "healthcheck"];
  if (check.disable === true) return { test: ["NONE"] };
  const test = check.test;
  const seconds = (key: string) =>
    check[key] === undefined ? undefined : durationSeconds(check[key], [...at, key]);
  const interval = seconds("interval");
  const timeout = seconds("timeout");
  const startPeriod = seconds("start_period");
  // Without a test compose keeps the image's own check with new timings; a run spec cannot say that.
  if (test === undefined) {
    throw new ComposeFieldError(
      at,
      "healthcheck needs its test here: Berth cannot change only the timings of the image's own check",
    );
  }
  return {
    test: typeof test === "string" ? ["CMD-SHELL", test] : (test as unknown[]).map(String),
    ...(interval !== undefined && { intervalSeconds: interval }),
    ...(timeout !== undefined && { timeoutSeconds: timeout }),
    ...(startPeriod !== undefined && { startPeriodSeconds: startPeriod }),
    ...(typeof check.retries === "number" && { retries: check.retries }),
  };
}

/** `stop_grace_period` in whole seconds, as the engine's stop timeout. */
export function compileStopTimeout(service: ComposeService, path: Path): number | undefined {
  if (service.stop_grace_period === undefined) return undefined;
  return Math.ceil(durationSeconds(service.stop_grace_period, [...path, "stop_grace_period"]));
}
