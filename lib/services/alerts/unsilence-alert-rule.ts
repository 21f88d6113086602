import type { AlertRuleView } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { announceRulesChanged, findManagedRule } from "./alert-rule-lookup";
import { ALERT_RULE_INCLUDE, toAlertRuleViews } from "./alert-rule-view";
import { loadAlertAccess } from "./rule-access";

/** Ends a rule's silence now. */
export async function unsilenceAlertRule(
  user: SessionUser,
  ruleId: string,
  clientAddress?: string,
): Promise<AlertRuleView> {
  const view = await audited(
    { actor: user, action: "alert.rule.unsilence", target: ruleId, clientAddress },
    async () => {
      const access = await loadAlertAccess(user);
      await findManagedRule(access, ruleId);
      const row = await db.alertRule.update({
        where: { id: ruleId },
        data: { silencedUntil: null, silencedById: null, silenceReason: null },
        include: ALERT_RULE_INCLUDE,
      });
      return (await toAlertRuleViews(access, [row]))[0]!;
    },
  );
  announceRulesChanged();
  return view;
}
