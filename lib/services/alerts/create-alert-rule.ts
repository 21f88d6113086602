import { AlertRuleInputSchema, type AlertRuleView } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { checkRuleInput, parseAlertInput, ruleAuditParams, ruleColumns } from "./alert-rule-input";
import { announceRulesChanged } from "./alert-rule-lookup";
import { ALERT_RULE_INCLUDE, toAlertRuleViews } from "./alert-rule-view";
import { loadAlertAccess } from "./rule-access";

/** Makes an alert rule: admins over any hosts (none: every host), host admins over theirs. */
export async function createAlertRule(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<AlertRuleView> {
  const data = parseAlertInput(AlertRuleInputSchema, input);
  const view = await audited(
    {
      actor: user,
      action: "alert.rule.create",
      target: data.name,
      params: ruleAuditParams(data),
      clientAddress,
    },
    async () => {
      const access = await loadAlertAccess(user);
      await checkRuleInput(access, data);
      const row = await db.alertRule.create({
        data: {
          ...ruleColumns(data),
          createdById: user.id,
          channels: { create: data.channelIds.map((channelId) => ({ channelId })) },
        },
        include: ALERT_RULE_INCLUDE,
      });
      return (await toAlertRuleViews(access, [row]))[0]!;
    },
  );
  announceRulesChanged();
  return view;
}
