import { AlertPreferencesInputSchema, BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { parseAlertInput } from "./alert-rule-input";
import { announceRulesChanged } from "./alert-rule-lookup";
import { getAlertPreferences, type AlertPreferenceRow } from "./get-alert-preferences";
import { loadAlertAccess, readableRulesWhere } from "./rule-access";

/** Replaces the caller's preferences; each names a rule they can read. */
export async function updateAlertPreferences(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<{ rules: AlertPreferenceRow[] }> {
  const { preferences } = parseAlertInput(AlertPreferencesInputSchema, input);
  await audited(
    {
      actor: user,
      action: "alert.preferences.update",
      target: user.email,
      params: { preferences },
      clientAddress,
    },
    async () => {
      const ids = [...new Set(preferences.map((p) => p.ruleId))];
      const readable = await db.alertRule.findMany({
        where: { AND: [{ id: { in: ids } }, readableRulesWhere(await loadAlertAccess(user))] },
        select: { id: true },
      });
      const known = new Set(readable.map((r) => r.id));
      const unknown = ids.find((id) => !known.has(id));
      if (unknown)
        throw new BerthError("NOT_FOUND", `No such alert rule: ${unknown}.`, "preferences");
      await db.$transaction([
        db.alertPreference.deleteMany({ where: { userId: user.id } }),
        db.alertPreference.createMany({
          data: preferences.map((p) => ({ userId: user.id, ...p })),
          skipDuplicates: true,
        }),
      ]);
    },
  );
  announceRulesChanged();
  return getAlertPreferences(user);
}
