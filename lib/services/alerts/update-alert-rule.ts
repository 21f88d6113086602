import { AlertRuleInputSchema, AlertRulePatchSchema, type AlertRuleView } from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { checkRuleInput, parseAlertInput, ruleAuditParams, ruleColumns } from "./alert-rule-input";
import { announceRulesChanged, findManagedRule } from "./alert-rule-lookup";
import { ALERT_RULE_INCLUDE, scopeOf, toAlertRuleViews } from "./alert-rule-view";
import { loadAlertAccess } from "./rule-access";

/**
 * Changes the fields a patch names (the others stay as they are). The caller must be allowed to
 * manage the rule as it is and as it will be.
 */
export async function updateAlertRule(
  user: SessionUser,
  ruleId: string,
  input: unknown,
  clientAddress?: string,
): Promise<AlertRuleView> {
  const patch = parseAlertInput(AlertRulePatchSchema, input);
  const params: Record<string, unknown> = { ...patch };
  const view = await audited(
    {
      actor: user,
      action: "alert.rule.update",
      target: ruleId,
      params: params as Prisma.InputJsonValue,
      clientAddress,
    },
    async () => {
      const access = await loadAlertAccess(user);
      const row = await findManagedRule(access, ruleId);
      const next = AlertRuleInputSchema.parse({
        name: row.name,
        enabled: row.enabled,
        severity: row.severity,
        condition: row.condition,
        scope: scopeOf(row),
        channelIds: row.channels.map((c) => c.channel.id),
        ...patch,
      });
      await checkRuleInput(access, next);
      const saved = await db.$transaction(async (tx) => {
        if (patch.channelIds !== undefined) {
          await tx.alertRuleChannel.deleteMany({ where: { ruleId } });
          await tx.alertRuleChannel.createMany({
            data: next.channelIds.map((channelId) => ({ ruleId, channelId })),
          });
        }
        return tx.alertRule.update({
          where: { id: ruleId },
          data: ruleColumns(next),
          include: ALERT_RULE_INCLUDE,
        });
      });
      params.after = ruleAuditParams(next);
      return (await toAlertRuleViews(access, [saved]))[0]!;
    },
  );
  announceRulesChanged();
  return view;
}
