import { requireGroupPermission, requireHostPermission } from "@/lib/auth/guard";
import { HOST_ROLES, roleRank, type HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";

/** Where a role is granted: one host, or every host of a group. */
export type GrantScope = { hostId: string } | { groupId: string };

/** The caller's role on the scope, if it lets them manage access there (404 / 403 otherwise). */
export async function requireGrantAuthority(
  actor: SessionUser,
  scope: GrantScope,
): Promise<HostRoleName> {
  if ("hostId" in scope) {
    return (await requireHostPermission(actor, scope.hostId, "access.grant")).role;
  }
  return requireGroupPermission(actor, scope.groupId, "access.grant");
}

/** The roles someone holding `own` may hand out: their own and weaker. */
export function assignableRoles(own: HostRoleName): HostRoleName[] {
  return HOST_ROLES.filter((r) => roleRank(r) <= roleRank(own));
}
