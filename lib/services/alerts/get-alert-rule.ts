import type { AlertRuleView } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { findReadableRule } from "./alert-rule-lookup";
import { toAlertRuleViews } from "./alert-rule-view";
import { loadAlertAccess } from "./rule-access";

export async function getAlertRule(user: SessionUser, ruleId: string): Promise<AlertRuleView> {
  const access = await loadAlertAccess(user);
  return (await toAlertRuleViews(access, [await findReadableRule(access, ruleId)]))[0]!;
}
