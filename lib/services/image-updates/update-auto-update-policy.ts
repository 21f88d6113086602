import { z } from "zod";
import { BerthError, type AutoUpdatePolicyView } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { nextRunOf } from "@/lib/services/volumes/cron-schedule";
import { autoUpdatesChanged } from "./auto-update-scheduler";
import { toAutoUpdateView, validCron } from "./auto-update-view";

export const AutoUpdatePolicyPatchSchema = z.object({
  cron: z.string().trim().min(1).max(100).optional(),
  enabled: z.boolean().optional(),
});

/**
 * Changes a policy's schedule or switches it on or off. The user who saves it becomes the one
 * whose role its runs use (as for a git stack's settings).
 */
export async function updateAutoUpdatePolicy(
  user: SessionUser,
  policyId: string,
  input: unknown,
  clientAddress?: string,
): Promise<AutoUpdatePolicyView> {
  const patch = AutoUpdatePolicyPatchSchema.parse(input);
  const cron = patch.cron === undefined ? undefined : validCron(patch.cron);
  const existing = await db.autoUpdatePolicy.findUnique({ where: { id: policyId } });
  return audited(
    {
      actor: user,
      action: "autoupdate.update",
      hostId: existing?.hostId ?? null,
      target: policyId,
      params: { ...patch, ...(cron ? { cron } : {}) },
      clientAddress,
    },
    async () => {
      if (!existing) throw new BerthError("NOT_FOUND", "No such auto-update policy.");
      const { host } = await requireHostPermission(user, existing.hostId, "container.create");
      const row = await db.autoUpdatePolicy.update({
        where: { id: existing.id },
        data: {
          ...(cron ? { cron, nextRunAt: nextRunOf(cron, new Date()) } : {}),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
          createdById: user.id,
          createdBy: user.email,
        },
      });
      autoUpdatesChanged();
      return toAutoUpdateView(row, host.name);
    },
  );
}
