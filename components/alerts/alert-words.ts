import {
  ALERT_HOST_METRICS,
  type AlertCondition,
  type AlertHostMetric,
  type AlertRuleKind,
  type AlertScope,
  type AlertSeverity,
} from "@/lib/protocol";

/** Alert rules and alerts in words: colour is never the only signal. */

export const SEVERITY_WORDS: Record<AlertSeverity, { word: string; icon: string }> = {
  info: { word: "Info", icon: "ℹ" },
  warning: { word: "Warning", icon: "⚠" },
  critical: { word: "Critical", icon: "✖" },
};

export const KIND_WORDS: Record<AlertRuleKind, string> = {
  host_metric: "Host metric past a threshold",
  host_offline: "Host offline",
  container_exit: "Container exits with an error",
  container_oom: "Container killed for lack of memory (OOM)",
  container_unhealthy: "Container unhealthy",
  container_restarts: "Container restarting in a loop",
  log_pattern: "Log line matches a pattern",
  image_update: "Image update available",
};

const UNIT_WORDS = { percent: "%", load: "load", bytesPerSecond: "bytes/s" } as const;

export const METRICS = Object.fromEntries(
  Object.entries(ALERT_HOST_METRICS).map(([key, { label, unit }]) => [
    key,
    { label, unit: UNIT_WORDS[unit] },
  ]),
) as Record<AlertHostMetric, { label: string; unit: (typeof UNIT_WORDS)[keyof typeof UNIT_WORDS] }>;

const seconds = (s: number) =>
  s % 3600 === 0 && s > 0 ? `${s / 3600} h` : s % 60 === 0 && s > 0 ? `${s / 60} min` : `${s} s`;

function threshold(metric: AlertHostMetric, value: number): string {
  const { unit } = METRICS[metric];
  if (unit === "%") return `${value}%`;
  if (unit === "load") return `${value}`;
  return `${value} ${unit}`;
}

/** What a rule watches, in one line: "CPU above 90% for 1 min". */
export function describeCondition(condition: AlertCondition): string {
  switch (condition.kind) {
    case "host_metric":
      return `${METRICS[condition.metric].label} ${condition.op} ${threshold(condition.metric, condition.threshold)} for ${seconds(condition.forSeconds)}`;
    case "host_offline":
      return `Host offline for ${seconds(condition.forSeconds)}`;
    case "container_exit":
      return condition.ignoreExitCodes.length > 0
        ? `Container exits with an error (not ${condition.ignoreExitCodes.join(", ")})`
        : "Container exits with an error";
    case "container_oom":
      return KIND_WORDS.container_oom;
    case "container_unhealthy":
      return condition.forSeconds > 0
        ? `Container unhealthy for ${seconds(condition.forSeconds)}`
        : "Container turns unhealthy";
    case "container_restarts":
      return `Container restarts more than ${condition.count} times in ${condition.windowMinutes} min`;
    case "log_pattern": {
      const stream = condition.stream === "any" ? "" : ` on ${condition.stream}`;
      const flags = condition.ignoreCase ? " (ignoring case)" : "";
      return `Log line matches /${condition.pattern}/${flags}${stream}; resolves after ${seconds(condition.quietSeconds)} quiet`;
    }
    case "image_update":
      return KIND_WORDS.image_update;
  }
}

/** Which hosts and containers a rule watches: "every host" or "hosts web-1; groups prod; containers api-*". */
export function describeScope(
  scope: AlertScope,
  names: { hosts: string[]; groups: string[] },
): string {
  const parts: string[] = [];
  if (scope.hostIds.length === 0 && scope.hostGroupIds.length === 0) parts.push("every host");
  const hidden = (ids: string[], shown: string[]) =>
    ids.length > shown.length ? [`${ids.length - shown.length} you cannot see`] : [];
  if (scope.hostIds.length > 0) {
    const list = [...names.hosts, ...hidden(scope.hostIds, names.hosts)];
    parts.push(`${scope.hostIds.length === 1 ? "host" : "hosts"} ${list.join(", ")}`);
  }
  if (scope.hostGroupIds.length > 0) {
    const list = [...names.groups, ...hidden(scope.hostGroupIds, names.groups)];
    parts.push(`${scope.hostGroupIds.length === 1 ? "group" : "groups"} ${list.join(", ")}`);
  }
  if (scope.containerNamePattern) parts.push(`containers named ${scope.containerNamePattern}`);
  if (scope.labels.length > 0) {
    parts.push(
      `labels ${scope.labels.map((l) => (l.value === undefined ? l.key : `${l.key}=${l.value}`)).join(", ")}`,
    );
  }
  return parts.join("; ");
}

/** Silence choices offered for a rule or an alert, in minutes. */
export const SILENCE_CHOICES = [
  { minutes: 60, label: "1 hour" },
  { minutes: 8 * 60, label: "8 hours" },
  { minutes: 24 * 60, label: "24 hours" },
  { minutes: 7 * 24 * 60, label: "7 days" },
] as const;
