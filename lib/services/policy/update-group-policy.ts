import { db } from "@/lib/db";
import { PolicyUpdateSchema, type HostSecurityPolicy } from "@/lib/protocol";
import { requireGroupPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { readPolicy } from "./policy-view";

/**
 * Sets (or with null removes) a host group's security policy, which every host of the group
 * must pass as well: host admins of the group only, audited.
 */
export async function updateGroupPolicy(
  user: SessionUser,
  groupId: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ policy: HostSecurityPolicy | null }> {
  const { policy } = PolicyUpdateSchema.parse(input);
  const group = await db.hostGroup.findUnique({
    where: { id: groupId },
    select: { name: true, policy: { select: { settings: true } } },
  });
  const before = group?.policy ? readPolicy(group.policy.settings) : null;
  return audited(
    {
      actor: user,
      action: "policy.update",
      target: group ? `host group ${group.name}` : groupId,
      params: { before, after: policy },
      clientAddress,
    },
    async () => {
      await requireGroupPermission(user, groupId, "host.manage");
      if (policy === null) {
        await db.securityPolicy.deleteMany({ where: { groupId } });
      } else {
        await db.securityPolicy.upsert({
          where: { groupId },
          create: { groupId, settings: policy },
          update: { settings: policy },
        });
      }
      return { policy };
    },
  );
}
