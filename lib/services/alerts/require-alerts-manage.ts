import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";

/**
 * The alerts.manage guard for calls with a body: a refusal comes before the body is read (a
 * non-administrator learns nothing from validation errors) and is audited as DENIED.
 */
export async function requireAlertsManage(
  user: SessionUser,
  audit: { action: string; target: string | null; clientAddress?: string },
): Promise<void> {
  if (user.role === "ADMIN") return;
  await audited({ actor: user, ...audit }, async () =>
    requireGlobalPermission(user, "alerts.manage"),
  );
}
