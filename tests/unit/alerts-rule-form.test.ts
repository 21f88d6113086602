import { describe, expect, it } from "vitest";
import { AlertRuleInputSchema, type AlertCondition, type AlertRuleView } from "@/lib/protocol";
import { describeCondition, describeScope } from "@/components/alerts/alert-words";
import { testPattern } from "@/components/alerts/rule-form/pattern-test";
import {
  EMPTY_RULE_FORM,
  fromRuleView,
  parseLabels,
  toRuleInput,
} from "@/components/alerts/rule-form/rule-form-model";

const view = (
  condition: AlertCondition,
  scope: Partial<AlertRuleView["scope"]> = {},
): AlertRuleView => ({
  id: "r1",
  name: "rule",
  enabled: false,
  severity: "critical",
  condition,
  scope: { hostIds: ["h1"], hostGroupIds: ["g1"], labels: [], ...scope },
  scopeNames: { hosts: ["web-1"], groups: ["prod"] },
  channels: [{ id: "c1", name: "ops", type: "email" }],
  silencedUntil: null,
  silencedBy: null,
  silenceReason: null,
  createdBy: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  firing: 0,
  canManage: true,
});

describe("the rule form", () => {
  it("turns every kind's fields into the rule input the server validates, and back", () => {
    const conditions: AlertCondition[] = [
      { kind: "host_metric", metric: "memPercent", op: "below", threshold: 12.5, forSeconds: 30 },
      { kind: "host_offline", forSeconds: 120 },
      { kind: "container_exit", ignoreExitCodes: [137, 143] },
      { kind: "container_oom" },
      { kind: "container_unhealthy", forSeconds: 15 },
      { kind: "container_restarts", count: 5, windowMinutes: 30 },
      {
        kind: "log_pattern",
        pattern: "ERROR|FATAL",
        ignoreCase: true,
        stream: "stderr",
        quietSeconds: 60,
      },
      { kind: "image_update" },
    ];
    for (const condition of conditions) {
      const rule = view(condition, {
        containerNamePattern: "api-*",
        labels: [{ key: "tier", value: "web" }, { key: "critical" }],
      });
      const input = AlertRuleInputSchema.parse(toRuleInput(fromRuleView(rule)));
      expect(input, condition.kind).toEqual({
        name: "rule",
        enabled: false,
        severity: "critical",
        condition,
        scope: rule.scope,
        channelIds: ["c1"],
      });
    }
  });

  it("leaves what is not a number as typed, so the server names the field", () => {
    const input = toRuleInput({
      ...EMPTY_RULE_FORM,
      name: "x",
      kind: "host_metric",
      threshold: "lots",
    });
    const result = AlertRuleInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["condition", "threshold"]);
    expect(toRuleInput({ ...EMPTY_RULE_FORM, ignoreExitCodes: "1, 2 3" }).condition).toEqual({
      kind: "container_exit",
      ignoreExitCodes: [1, 2, 3],
    });
  });

  it("reads labels one a line, a value after the first =", () => {
    expect(parseLabels("tier=web\n\n  critical  \nurl=a=b")).toEqual([
      { key: "tier", value: "web" },
      { key: "critical" },
      { key: "url", value: "a=b" },
    ]);
  });
});

describe("rules in words", () => {
  it("says what a rule watches, with the metric's unit", () => {
    expect(
      describeCondition({
        kind: "host_metric",
        metric: "cpuPercent",
        op: "above",
        threshold: 90,
        forSeconds: 60,
      }),
    ).toBe("CPU above 90% for 1 min");
    expect(
      describeCondition({
        kind: "host_metric",
        metric: "netRxBytesPerSec",
        op: "above",
        threshold: 1000,
        forSeconds: 30,
      }),
    ).toBe("Network in above 1000 bytes/s for 30 s");
    expect(describeCondition({ kind: "container_exit", ignoreExitCodes: [143] })).toBe(
      "Container exits with an error (not 143)",
    );
    expect(describeCondition({ kind: "container_restarts", count: 3, windowMinutes: 10 })).toBe(
      "Container restarts more than 3 times in 10 min",
    );
  });

  it("says which hosts and containers, counting those the reader cannot see", () => {
    expect(
      describeScope({ hostIds: [], hostGroupIds: [], labels: [] }, { hosts: [], groups: [] }),
    ).toBe("every host");
    expect(
      describeScope(
        {
          hostIds: ["a", "b"],
          hostGroupIds: ["g"],
          containerNamePattern: "web-*",
          labels: [{ key: "tier", value: "db" }],
        },
        { hosts: ["alpha"], groups: ["prod"] },
      ),
    ).toBe("hosts alpha, 1 you cannot see; group prod; containers named web-*; labels tier=db");
  });
});

describe("the pattern tester", () => {
  it("matches a pasted line as the server would", () => {
    expect(testPattern("out of (memory|disk)", false, "ERROR: out of disk space")).toEqual({
      ok: true,
      matched: true,
      match: "out of disk",
    });
    expect(testPattern("error", false, "ERROR here")).toEqual({ ok: true, matched: false });
    expect(testPattern("error", true, "ERROR here")).toMatchObject({
      matched: true,
      match: "ERROR",
    });
    // only the first 4096 characters of a line are read
    expect(testPattern("needle", false, `${"x".repeat(4096)}needle`)).toEqual({
      ok: true,
      matched: false,
    });
    const bad = testPattern("(unclosed", false, "x");
    expect(bad.ok).toBe(false);
  });
});
