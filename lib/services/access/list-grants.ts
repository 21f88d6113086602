import { db, type Prisma } from "@/lib/db";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { assignableRoles, requireGrantAuthority, type GrantScope } from "./grant-scope";

export type GrantRow = {
  id: string;
  role: HostRoleName;
  grantee: { kind: "team"; id: string; name: string } | { kind: "user"; id: string; name: string };
  /** Set for a grant that reaches a host through one of its groups. */
  viaGroup: { id: string; name: string } | null;
};

export type GrantList = {
  grants: GrantRow[];
  ownRole: HostRoleName;
  assignable: HostRoleName[];
};

const SELECT = {
  id: true,
  role: true,
  team: { select: { id: true, name: true } },
  user: { select: { id: true, name: true, email: true } },
  group: { select: { id: true, name: true } },
} satisfies Prisma.HostAccessSelect;

/**
 * Who holds which role on a host (directly or through its groups) or on a group. Needs the
 * right to manage access there.
 */
export async function listGrants(actor: SessionUser, scope: GrantScope): Promise<GrantList> {
  const ownRole = await requireGrantAuthority(actor, scope);
  const rows = await db.hostAccess.findMany({
    where:
      "hostId" in scope
        ? {
            OR: [
              { hostId: scope.hostId },
              { group: { hosts: { some: { hostId: scope.hostId } } } },
            ],
          }
        : { groupId: scope.groupId },
    select: SELECT,
    orderBy: [{ role: "desc" }, { createdAt: "asc" }],
  });
  return {
    ownRole,
    assignable: assignableRoles(ownRole),
    grants: rows.map((r) => ({
      id: r.id,
      role: r.role,
      grantee: r.team
        ? { kind: "team", id: r.team.id, name: r.team.name }
        : { kind: "user", id: r.user!.id, name: `${r.user!.name} <${r.user!.email}>` },
      viaGroup: "hostId" in scope && r.group ? r.group : null,
    })),
  };
}
