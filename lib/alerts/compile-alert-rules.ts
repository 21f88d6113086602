import {
  AlertConditionSchema,
  AlertScopeSchema,
  type AlertCondition,
  type AlertRuleKind,
  type AlertSeverity,
} from "@/lib/protocol";

/** An AlertRule row as the engine reads it. */
export type AlertRuleRow = {
  id: string;
  name: string;
  kind: AlertRuleKind;
  severity: AlertSeverity;
  condition: unknown;
  scope: unknown;
  silencedUntil: Date | null;
};

/** A rule ready to evaluate: condition parsed, scope resolved to hosts, matchers compiled. */
export type CompiledRule = {
  id: string;
  name: string;
  severity: AlertSeverity;
  condition: AlertCondition;
  /** null: every host */
  hostIds: ReadonlySet<string> | null;
  containerName: RegExp | null;
  labels: ReadonlyArray<{ key: string; value?: string | undefined }>;
  /** log_pattern: the compiled pattern */
  pattern: RegExp | null;
  silencedUntil: number | null;
  /** condition and resolved scope: a rule's state survives a reload only while this holds */
  fingerprint: string;
};

/** `web-*` → /^web-.*$/: `*` any run of characters, `?` one; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (const ch of glob) {
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/**
 * Compiles enabled rules; `groupMembers` maps each host group to its hosts (read when the rules
 * are loaded). A row whose condition or scope does not parse is left out and named in `problems`.
 */
export function compileAlertRules(
  rows: readonly AlertRuleRow[],
  groupMembers: ReadonlyMap<string, readonly string[]>,
): { rules: CompiledRule[]; problems: string[] } {
  const rules: CompiledRule[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    const condition = AlertConditionSchema.safeParse(row.condition);
    const scope = AlertScopeSchema.safeParse(row.scope);
    if (!condition.success || !scope.success || condition.data.kind !== row.kind) {
      problems.push(`alert rule "${row.name}" (${row.id}) has an unreadable condition or scope`);
      continue;
    }
    const { hostIds, hostGroupIds, containerNamePattern, labels } = scope.data;
    let hosts: Set<string> | null = null;
    if (hostIds.length > 0 || hostGroupIds.length > 0) {
      hosts = new Set(hostIds);
      for (const groupId of hostGroupIds) {
        for (const hostId of groupMembers.get(groupId) ?? []) hosts.add(hostId);
      }
    }
    const c = condition.data;
    const pattern =
      c.kind === "log_pattern" ? new RegExp(c.pattern, c.ignoreCase ? "i" : "") : null;
    rules.push({
      id: row.id,
      name: row.name,
      severity: row.severity,
      condition: c,
      hostIds: hosts,
      containerName: containerNamePattern ? globToRegExp(containerNamePattern) : null,
      labels,
      pattern,
      silencedUntil: row.silencedUntil?.getTime() ?? null,
      fingerprint: JSON.stringify([
        c,
        hosts ? [...hosts].sort() : null,
        containerNamePattern ?? null,
        labels,
      ]),
    });
  }
  return { rules, problems };
}

export function ruleCoversHost(rule: CompiledRule, hostId: string): boolean {
  return rule.hostIds === null || rule.hostIds.has(hostId);
}

/** The rule's container name pattern and labels (not its hosts) accept this container. */
export function ruleCoversContainer(
  rule: CompiledRule,
  container: { name: string; labels: Readonly<Record<string, string>> },
): boolean {
  if (rule.containerName && !rule.containerName.test(container.name)) return false;
  for (const { key, value } of rule.labels) {
    const actual = container.labels[key];
    if (actual === undefined || (value !== undefined && actual !== value)) return false;
  }
  return true;
}
