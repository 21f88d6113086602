import type { AlertRuleKind, AlertSeverity } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { loadAlertAccess, readableRulesWhere } from "./rule-access";

export type AlertPreferenceRow = {
  ruleId: string;
  ruleName: string;
  severity: AlertSeverity;
  kind: AlertRuleKind;
  inApp: boolean;
  email: boolean;
  /** the rule has an enabled email channel to send personal emails through */
  emailAvailable: boolean;
};

/** Which rules reach the caller, for every rule they can read (no row: in the app, no email). */
export async function getAlertPreferences(
  user: SessionUser,
): Promise<{ rules: AlertPreferenceRow[] }> {
  const rules = await db.alertRule.findMany({
    where: readableRulesWhere(await loadAlertAccess(user)),
    select: {
      id: true,
      name: true,
      severity: true,
      kind: true,
      preferences: { where: { userId: user.id }, select: { inApp: true, email: true } },
      channels: {
        where: { channel: { type: "email", enabled: true } },
        select: { channelId: true },
        take: 1,
      },
    },
    orderBy: { name: "asc" },
  });
  return {
    rules: rules.map((r) => ({
      ruleId: r.id,
      ruleName: r.name,
      severity: r.severity,
      kind: r.kind,
      inApp: r.preferences[0]?.inApp ?? true,
      email: r.preferences[0]?.email ?? false,
      emailAvailable: r.channels.length > 0,
    })),
  };
}
