import { db } from "@/lib/db";
import { BerthError } from "@/lib/protocol";
import { requireGroupPermission } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { readPolicy, type GroupPolicyView } from "./policy-view";

/** A host group's security policy: for everyone with a role on the group. */
export async function getGroupPolicy(user: SessionUser, groupId: string): Promise<GroupPolicyView> {
  const role = await requireGroupPermission(user, groupId, "host.read");
  const group = await db.hostGroup.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      policy: { select: { settings: true } },
      hosts: {
        where: { host: { revokedAt: null } },
        orderBy: { host: { name: "asc" } },
        select: { host: { select: { id: true, name: true } } },
      },
    },
  });
  if (!group) throw new BerthError("NOT_FOUND", "No such host group.");
  return {
    groupId: group.id,
    groupName: group.name,
    own: group.policy ? readPolicy(group.policy.settings) : null,
    hosts: group.hosts.map((h) => h.host),
    canEdit: roleAllows(role, "host.manage"),
  };
}
