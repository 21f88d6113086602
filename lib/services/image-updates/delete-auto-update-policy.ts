import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";

/** Turns a policy's automatic updates off by removing it. */
export async function deleteAutoUpdatePolicy(
  user: SessionUser,
  policyId: string,
  clientAddress?: string,
): Promise<void> {
  const existing = await db.autoUpdatePolicy.findUnique({ where: { id: policyId } });
  await audited(
    {
      actor: user,
      action: "autoupdate.delete",
      hostId: existing?.hostId ?? null,
      target: existing?.containerName ?? (existing ? `label ${existing.labelKey}` : policyId),
      clientAddress,
    },
    async () => {
      if (!existing) throw new BerthError("NOT_FOUND", "No such auto-update policy.");
      await requireHostPermission(user, existing.hostId, "container.create");
      await db.autoUpdatePolicy.delete({ where: { id: existing.id } });
    },
  );
}
