import type { ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";

/** Keys that change what runs and that Berth cannot carry out: refused at the key. */
const REFUSED: Record<string, string> = {
  volumes_from: "volumes_from is not supported: share a named volume instead",
  external_links: "external_links is not supported: join the other project's network instead",
  cpu_count: "cpu_count is not supported: use cpus or deploy.resources.limits.cpus",
  cpu_percent: "cpu_percent is not supported: use cpus",
  cpu_period: "cpu_period is not supported: use cpus",
  cpu_quota: "cpu_quota is not supported: use cpus",
  cpu_rt_period: "cpu_rt_period is not supported",
  cpu_rt_runtime: "cpu_rt_runtime is not supported",
  blkio_config: "blkio_config is not supported",
  oom_kill_disable: "oom_kill_disable is not supported",
  oom_score_adj: "oom_score_adj is not supported",
  mem_swappiness: "mem_swappiness is not supported",
  storage_opt: "storage_opt is not supported",
  credential_spec: "credential_spec is not supported (Windows only)",
  isolation: "isolation is not supported (Windows only)",
  runtime: "runtime is not supported",
  device_cgroup_rules: "device_cgroup_rules is not supported",
  post_start: "post_start hooks are not supported",
  pre_stop: "pre_stop hooks are not supported",
  provider: "provider services are not supported",
  use_api_socket: "use_api_socket is not supported",
};

/** Keys that do not change what runs on the engine: ignored, with a warning saying so. */
const IGNORED: Record<string, string> = {
  develop: "develop is only read by compose watch; Berth ignores it",
  links: "links are ignored: services reach each other by service name on shared networks",
  attach: "attach only concerns compose's own log output; Berth ignores it",
};

/** deploy keys a single engine has no use for (docker compose ignores them too). */
const SWARM_ONLY_DEPLOY = [
  "mode",
  "placement",
  "update_config",
  "rollback_config",
  "endpoint_mode",
  "labels",
];

/** Refuses what cannot run as written; returns warnings for what is ignored. */
export function checkUnsupported(name: string, service: ComposeService): string[] {
  const warnings: string[] = [];
  for (const key of Object.keys(service)) {
    const refused = REFUSED[key];
    if (refused) throw new ComposeFieldError(["services", name, key], refused, { atKey: true });
    const ignored = IGNORED[key];
    if (ignored) warnings.push(`service ${name}: ${ignored}`);
  }
  const deploy = (service.deploy ?? {}) as Record<string, unknown>;
  for (const key of SWARM_ONLY_DEPLOY) {
    if (deploy[key] !== undefined) {
      warnings.push(`service ${name}: deploy.${key} only applies to swarm services; ignored`);
    }
  }
  const reservations = (deploy.resources as Record<string, unknown> | undefined)?.reservations;
  if ((reservations as Record<string, unknown> | undefined)?.cpus !== undefined) {
    warnings.push(
      `service ${name}: deploy.resources.reservations.cpus has no effect on a container; ignored`,
    );
  }
  const healthcheck = service.healthcheck as Record<string, unknown> | undefined;
  if (healthcheck?.start_interval !== undefined) {
    warnings.push(
      `service ${name}: healthcheck.start_interval is ignored (the engine's default applies)`,
    );
  }
  return warnings;
}
