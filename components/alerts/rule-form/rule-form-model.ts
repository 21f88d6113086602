import type { AlertHostMetric, AlertRuleKind, AlertRuleView, AlertSeverity } from "@/lib/protocol";

/** The rule form as typed: numbers and lists as text, every kind's fields kept while switching. */
export type RuleFormState = {
  name: string;
  enabled: boolean;
  severity: AlertSeverity;
  kind: AlertRuleKind;
  metric: AlertHostMetric;
  op: "above" | "below";
  threshold: string;
  metricForSeconds: string;
  offlineForSeconds: string;
  ignoreExitCodes: string;
  unhealthyForSeconds: string;
  restartCount: string;
  restartWindowMinutes: string;
  pattern: string;
  ignoreCase: boolean;
  stream: "any" | "stdout" | "stderr";
  quietSeconds: string;
  hostIds: string[];
  hostGroupIds: string[];
  containerNamePattern: string;
  /** one label a line: key or key=value */
  labels: string;
  channelIds: string[];
};

export const EMPTY_RULE_FORM: RuleFormState = {
  name: "",
  enabled: true,
  severity: "warning",
  kind: "container_exit",
  metric: "cpuPercent",
  op: "above",
  threshold: "90",
  metricForSeconds: "60",
  offlineForSeconds: "60",
  ignoreExitCodes: "",
  unhealthyForSeconds: "0",
  restartCount: "3",
  restartWindowMinutes: "10",
  pattern: "",
  ignoreCase: false,
  stream: "any",
  quietSeconds: "300",
  hostIds: [],
  hostGroupIds: [],
  containerNamePattern: "",
  labels: "",
  channelIds: [],
};

/** A number as typed; blank or not a number stays as it is for the server to name the field. */
function num(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== "" && Number.isFinite(value) ? value : trimmed;
}

function condition(s: RuleFormState): Record<string, unknown> {
  switch (s.kind) {
    case "host_metric":
      return {
        kind: s.kind,
        metric: s.metric,
        op: s.op,
        threshold: num(s.threshold),
        forSeconds: num(s.metricForSeconds),
      };
    case "host_offline":
      return { kind: s.kind, forSeconds: num(s.offlineForSeconds) };
    case "container_exit":
      return {
        kind: s.kind,
        ignoreExitCodes: s.ignoreExitCodes
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((code) => num(code)),
      };
    case "container_unhealthy":
      return { kind: s.kind, forSeconds: num(s.unhealthyForSeconds) };
    case "container_restarts":
      return {
        kind: s.kind,
        count: num(s.restartCount),
        windowMinutes: num(s.restartWindowMinutes),
      };
    case "log_pattern":
      return {
        kind: s.kind,
        pattern: s.pattern,
        ignoreCase: s.ignoreCase,
        stream: s.stream,
        quietSeconds: num(s.quietSeconds),
      };
    case "container_oom":
    case "image_update":
      return { kind: s.kind };
  }
}

/** One label a line: `key` (any value) or `key=value`. */
export function parseLabels(text: string): Array<{ key: string; value?: string }> {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const eq = line.indexOf("=");
      return eq < 0 ? { key: line } : { key: line.slice(0, eq).trim(), value: line.slice(eq + 1) };
    });
}

/** The body POST /alerts/rules and PATCH /alerts/rules/{id} take (AlertRuleInput). */
export function toRuleInput(s: RuleFormState) {
  const pattern = s.containerNamePattern.trim();
  return {
    name: s.name,
    enabled: s.enabled,
    severity: s.severity,
    condition: condition(s),
    scope: {
      hostIds: s.hostIds,
      hostGroupIds: s.hostGroupIds,
      ...(pattern ? { containerNamePattern: pattern } : {}),
      labels: parseLabels(s.labels),
    },
    channelIds: s.channelIds,
  };
}

/** A saved rule in the form. */
export function fromRuleView(rule: AlertRuleView): RuleFormState {
  const s: RuleFormState = {
    ...EMPTY_RULE_FORM,
    name: rule.name,
    enabled: rule.enabled,
    severity: rule.severity,
    kind: rule.condition.kind,
    hostIds: rule.scope.hostIds,
    hostGroupIds: rule.scope.hostGroupIds,
    containerNamePattern: rule.scope.containerNamePattern ?? "",
    labels: rule.scope.labels
      .map((l) => (l.value === undefined ? l.key : `${l.key}=${l.value}`))
      .join("\n"),
    channelIds: rule.channels.map((c) => c.id),
  };
  const c = rule.condition;
  switch (c.kind) {
    case "host_metric":
      return {
        ...s,
        metric: c.metric,
        op: c.op,
        threshold: String(c.threshold),
        metricForSeconds: String(c.forSeconds),
      };
    case "host_offline":
      return { ...s, offlineForSeconds: String(c.forSeconds) };
    case "container_exit":
      return { ...s, ignoreExitCodes: c.ignoreExitCodes.join(", ") };
    case "container_unhealthy":
      return { ...s, unhealthyForSeconds: String(c.forSeconds) };
    case "container_restarts":
      return {
        ...s,
        restartCount: String(c.count),
        restartWindowMinutes: String(c.windowMinutes),
      };
    case "log_pattern":
      return {
        ...s,
        pattern: c.pattern,
        ignoreCase: c.ignoreCase,
        stream: c.stream,
        quietSeconds: String(c.quietSeconds),
      };
    default:
      return s;
  }
}
