import { AlertSilenceInputSchema, type AlertRuleView } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { parseAlertInput } from "./alert-rule-input";
import { announceRulesChanged, findManagedRule } from "./alert-rule-lookup";
import { ALERT_RULE_INCLUDE, toAlertRuleViews } from "./alert-rule-view";
import { loadAlertAccess } from "./rule-access";

/** No notifications of this rule for a while; it keeps evaluating and recording alerts. */
export async function silenceAlertRule(
  user: SessionUser,
  ruleId: string,
  input: unknown,
  clientAddress?: string,
): Promise<AlertRuleView> {
  const data = parseAlertInput(AlertSilenceInputSchema, input);
  const until = new Date(Date.now() + data.minutes * 60_000);
  const view = await audited(
    {
      actor: user,
      action: "alert.rule.silence",
      target: ruleId,
      params: { minutes: data.minutes, until: until.toISOString(), reason: data.reason ?? null },
      clientAddress,
    },
    async () => {
      const access = await loadAlertAccess(user);
      await findManagedRule(access, ruleId);
      const row = await db.alertRule.update({
        where: { id: ruleId },
        data: {
          silencedUntil: until,
          silencedById: user.id,
          silenceReason: data.reason || null,
        },
        include: ALERT_RULE_INCLUDE,
      });
      return (await toAlertRuleViews(access, [row]))[0]!;
    },
  );
  announceRulesChanged();
  return view;
}
