import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { announceRulesChanged, findManagedRule } from "./alert-rule-lookup";
import { loadAlertAccess } from "./rule-access";

/** Deletes a rule with its alerts' history, deliveries and preferences. */
export async function deleteAlertRule(
  user: SessionUser,
  ruleId: string,
  clientAddress?: string,
): Promise<void> {
  const params: Record<string, string> = {};
  await audited(
    { actor: user, action: "alert.rule.delete", target: ruleId, params, clientAddress },
    async () => {
      const row = await findManagedRule(await loadAlertAccess(user), ruleId);
      params.name = row.name;
      await db.alertRule.delete({ where: { id: ruleId } });
    },
  );
  announceRulesChanged();
}
