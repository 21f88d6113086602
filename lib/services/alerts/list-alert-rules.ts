import type { AlertRuleView } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { ALERT_RULE_INCLUDE, toAlertRuleViews } from "./alert-rule-view";
import { loadAlertAccess, mayListChannels, readableRulesWhere } from "./rule-access";

export type AlertRuleList = {
  rules: AlertRuleView[];
  /** the caller may make rules (admin, or alert.manage on some host or group) */
  canCreate: boolean;
};

/** Every rule the caller may read, by name. */
export async function listAlertRules(user: SessionUser): Promise<AlertRuleList> {
  const access = await loadAlertAccess(user);
  const rows = await db.alertRule.findMany({
    where: readableRulesWhere(access),
    include: ALERT_RULE_INCLUDE,
    orderBy: { name: "asc" },
  });
  return { rules: await toAlertRuleViews(access, rows), canCreate: mayListChannels(access) };
}
