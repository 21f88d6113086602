import { AutoUpdatePolicyInputSchema, type AutoUpdatePolicyView } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { nextRunOf } from "@/lib/services/volumes/cron-schedule";
import { autoUpdatesChanged } from "./auto-update-scheduler";
import { toAutoUpdateView, validCron } from "./auto-update-view";

/**
 * Turns automatic updates on for one container (by name) or every container with a label on a
 * host. Its runs act with the creator's role on the host as it is at each run.
 */
export async function createAutoUpdatePolicy(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<AutoUpdatePolicyView> {
  const data = AutoUpdatePolicyInputSchema.parse(input);
  const cron = validCron(data.cron);
  return audited(
    {
      actor: user,
      action: "autoupdate.create",
      hostId: data.hostId,
      target: data.containerName ?? `label ${data.labelKey}`,
      params: { ...data, cron },
      clientAddress,
    },
    async () => {
      const { host } = await requireHostPermission(user, data.hostId, "container.create");
      const row = await db.autoUpdatePolicy.create({
        data: {
          hostId: data.hostId,
          containerName: data.containerName ?? null,
          labelKey: data.labelKey ?? null,
          labelValue: data.labelKey ? (data.labelValue ?? null) : null,
          cron,
          enabled: data.enabled,
          createdById: user.id,
          createdBy: user.email,
          nextRunAt: nextRunOf(cron, new Date()),
        },
      });
      autoUpdatesChanged();
      return toAutoUpdateView(row, host.name);
    },
  );
}
