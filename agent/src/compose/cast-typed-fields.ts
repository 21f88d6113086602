type Mapping = Record<string, unknown>;
type Cast = (value: string) => unknown;

const toInt: Cast = (value) => (/^[+-]?\d+$/.test(value.trim()) ? Number(value) : value);
const toFloat: Cast = (value) =>
  /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value.trim()) ? Number(value) : value;
const toBoolean: Cast = (value) => {
  const text = value.trim().toLowerCase();
  if (["true", "yes", "y", "on"].includes(text)) return true;
  if (["false", "no", "n", "off"].includes(text)) return false;
  return value;
};

/**
 * Fields compose-go casts after interpolation (loader/interpolate.go), because `${PORT}` always
 * yields a string while the schema wants a number or a boolean. `*` is any key, `[]` any item.
 * Durations and byte sizes stay strings: the compiler parses them.
 */
const TYPED: [string, Cast][] = [
  ["services.*.configs.[].mode", toInt],
  ["services.*.secrets.[].mode", toInt],
  ["services.*.cpu_count", toInt],
  ["services.*.cpu_percent", toFloat],
  ["services.*.cpu_period", toInt],
  ["services.*.cpu_quota", toInt],
  ["services.*.cpu_rt_period", toInt],
  ["services.*.cpu_rt_runtime", toInt],
  ["services.*.cpu_shares", toInt],
  ["services.*.cpus", toFloat],
  ["services.*.init", toBoolean],
  ["services.*.deploy.replicas", toInt],
  ["services.*.deploy.restart_policy.max_attempts", toInt],
  ["services.*.deploy.resources.limits.cpus", toFloat],
  ["services.*.deploy.resources.reservations.cpus", toFloat],
  ["services.*.deploy.resources.limits.pids", toInt],
  ["services.*.healthcheck.retries", toInt],
  ["services.*.healthcheck.disable", toBoolean],
  ["services.*.oom_kill_disable", toBoolean],
  ["services.*.oom_score_adj", toInt],
  ["services.*.pids_limit", toInt],
  ["services.*.ports.[].target", toInt],
  ["services.*.ports.[].published", toInt],
  ["services.*.privileged", toBoolean],
  ["services.*.read_only", toBoolean],
  ["services.*.scale", toInt],
  ["services.*.stdin_open", toBoolean],
  ["services.*.tty", toBoolean],
  ["services.*.ulimits.*", toInt],
  ["services.*.ulimits.*.hard", toInt],
  ["services.*.ulimits.*.soft", toInt],
  ["services.*.volumes.[].read_only", toBoolean],
  ["services.*.volumes.[].volume.nocopy", toBoolean],
  ["services.*.build.no_cache", toBoolean],
  ["services.*.build.pull", toBoolean],
  ["services.*.depends_on.*.required", toBoolean],
  ["services.*.depends_on.*.restart", toBoolean],
  ["services.*.env_file.[].required", toBoolean],
  ["networks.*.external", toBoolean],
  ["networks.*.internal", toBoolean],
  ["networks.*.attachable", toBoolean],
  ["networks.*.enable_ipv6", toBoolean],
  ["volumes.*.external", toBoolean],
  ["secrets.*.external", toBoolean],
  ["configs.*.external", toBoolean],
];

/** Casts the string values at typed fields of a merged project in place. */
export function castTypedFields(project: Mapping): void {
  for (const [pattern, cast] of TYPED) castAt(project, pattern.split("."), cast);
}

function castAt(node: unknown, pattern: string[], cast: Cast): void {
  const [segment, ...rest] = pattern;
  if (segment === undefined || !node || typeof node !== "object") return;
  const container = node as Mapping;
  let keys: string[];
  if (segment === "[]") keys = Array.isArray(node) ? Object.keys(node) : [];
  else if (segment === "*") keys = Array.isArray(node) ? [] : Object.keys(container);
  else keys = Array.isArray(node) ? [] : [segment];
  for (const key of keys) {
    const value = container[key];
    if (rest.length > 0) castAt(value, rest, cast);
    else if (typeof value === "string") container[key] = cast(value);
  }
}
