import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { sendAlertSignal } from "@/lib/alerts/alert-signals";
import { pushAlertsChanged } from "@/lib/hub/ui-namespace";
import { ALERT_RULE_INCLUDE, scopeOf, type AlertRuleRow } from "./alert-rule-view";
import { loadScopeGroups, readableRulesWhere, scopeRefusal, type AlertAccess } from "./rule-access";

/** A rule the caller may read; any other is "not found". */
export async function findReadableRule(access: AlertAccess, ruleId: string): Promise<AlertRuleRow> {
  const row = await db.alertRule.findFirst({
    where: { AND: [{ id: ruleId }, readableRulesWhere(access)] },
    include: ALERT_RULE_INCLUDE,
  });
  if (!row) throw new BerthError("NOT_FOUND", "No such alert rule.");
  return row;
}

/** A rule the caller may change, delete or silence: readable, and its scope within their rights. */
export async function findManagedRule(access: AlertAccess, ruleId: string): Promise<AlertRuleRow> {
  const row = await findReadableRule(access, ruleId);
  const scope = scopeOf(row);
  const refusal = scopeRefusal(access, scope, await loadScopeGroups(scope.hostGroupIds));
  if (refusal) {
    throw new BerthError(
      "FORBIDDEN",
      `You may not change this rule: ${refusal.message.charAt(0).toLowerCase()}${refusal.message.slice(1)}`,
    );
  }
  return row;
}

/** After any change of rules or preferences: the engine reloads, open pages reload. */
export function announceRulesChanged(): void {
  sendAlertSignal({ kind: "rulesChanged" });
  pushAlertsChanged(null);
}
