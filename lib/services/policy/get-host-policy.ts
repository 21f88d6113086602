import { db } from "@/lib/db";
import { BerthError } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { effectivePolicy } from "@/lib/policy/effective-policy";
import { readPolicy, type HostPolicyView } from "./policy-view";

/** A host's security policy, its groups' and the effective one: for everyone who sees the host. */
export async function getHostPolicy(user: SessionUser, hostId: string): Promise<HostPolicyView> {
  const { role } = await requireHostPermission(user, hostId, "host.read");
  const host = await db.host.findUnique({
    where: { id: hostId },
    select: {
      id: true,
      name: true,
      revokedAt: true,
      policy: { select: { settings: true } },
      groups: {
        orderBy: { group: { name: "asc" } },
        select: {
          group: { select: { id: true, name: true, policy: { select: { settings: true } } } },
        },
      },
    },
  });
  if (!host || host.revokedAt) throw new BerthError("NOT_FOUND", "No such host.");
  const own = host.policy ? readPolicy(host.policy.settings) : null;
  const groups = host.groups.map(({ group }) => ({
    id: group.id,
    name: group.name,
    policy: group.policy ? readPolicy(group.policy.settings) : null,
  }));
  const existing = [own, ...groups.map((g) => g.policy)].filter((p) => p !== null);
  return {
    hostId: host.id,
    hostName: host.name,
    own,
    groups,
    effective: effectivePolicy(existing),
    usesDefault: existing.length === 0,
    canEdit: roleAllows(role, "host.manage"),
  };
}
