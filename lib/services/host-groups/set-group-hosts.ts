import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError, type GroupHosts } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { groupLabel } from "@/lib/services/audit/audit-labels";
import { accessChanged } from "@/lib/hub/access-signal";

/**
 * Sets which hosts are in a group. Membership decides who reaches a host through group grants,
 * so only administrators change it.
 */
export async function setGroupHosts(
  actor: SessionUser,
  groupId: string,
  input: GroupHosts,
  clientAddress?: string,
): Promise<void> {
  const hostIds = [...new Set(input.hostIds)];
  await audited(
    {
      actor,
      action: "host-group.hosts.set",
      target: await groupLabel(groupId),
      params: { hostIds },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(actor, "groups.manage");
      if (!(await db.hostGroup.count({ where: { id: groupId } }))) {
        throw new BerthError("NOT_FOUND", "No such host group.");
      }
      const known = await db.host.count({ where: { id: { in: hostIds }, revokedAt: null } });
      if (known !== hostIds.length) throw new BerthError("NOT_FOUND", "No such host.", "hostIds");
      await db.$transaction([
        db.hostGroupMember.deleteMany({ where: { groupId, hostId: { notIn: hostIds } } }),
        db.hostGroupMember.createMany({
          data: hostIds.map((hostId) => ({ groupId, hostId })),
          skipDuplicates: true,
        }),
      ]);
      accessChanged(null);
    },
  );
}
