import { BerthError } from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import {
  HOST_PERMISSIONS,
  roleAllows,
  roleRank,
  strongestRole,
  type GlobalPermission,
  type HostPermission,
  type HostRoleName,
} from "./permissions";
import type { SessionUser } from "./session-user";

/** Grants held by the user: their own and their teams'. */
export function granteeWhere(user: SessionUser): Prisma.HostAccessWhereInput {
  return { OR: [{ userId: user.id }, { team: { members: { some: { userId: user.id } } } }] };
}

/** Grants that apply to a host: on the host itself or on any group it is in. */
export function grantsOnHostWhere(hostId: string): Prisma.HostAccessWhereInput {
  return { OR: [{ hostId }, { group: { hosts: { some: { hostId } } } }] };
}

/** Prisma filter for the hosts a user may see at all: lists are filtered in the query. */
export function visibleHostsWhere(user: SessionUser): Prisma.HostWhereInput {
  if (user.role === "ADMIN") return {};
  const mine = granteeWhere(user);
  return {
    OR: [{ access: { some: mine } }, { groups: { some: { group: { access: { some: mine } } } } }],
  };
}

/**
 * For a host query: the user's grants that reach each host, directly and through its groups,
 * so a list can show the role without a query per host (see roleFromIncludedGrants).
 */
export function includeUserGrants(user: SessionUser) {
  const mine = granteeWhere(user);
  return {
    access: { where: mine, select: { role: true } },
    groups: {
      select: { group: { select: { access: { where: mine, select: { role: true } } } } },
    },
  } satisfies Prisma.HostInclude;
}

export function roleFromIncludedGrants(
  user: SessionUser,
  host: {
    access: Array<{ role: HostRoleName }>;
    groups: Array<{ group: { access: Array<{ role: HostRoleName }> } }>;
  },
): HostRoleName {
  if (user.role === "ADMIN") return "HOST_ADMIN";
  const roles = [
    ...host.access.map((a) => a.role),
    ...host.groups.flatMap((g) => g.group.access.map((a) => a.role)),
  ];
  // Only visible hosts are listed, so there is always at least one grant.
  return strongestRole(roles) ?? "VIEWER";
}

/** The user's role on a host: the strongest of their own and their teams' grants. */
export async function effectiveHostRole(
  user: SessionUser,
  hostId: string,
): Promise<HostRoleName | null> {
  if (user.role === "ADMIN") {
    const exists = await db.host.count({ where: { id: hostId } });
    return exists ? "HOST_ADMIN" : null;
  }
  const grants = await db.hostAccess.findMany({
    where: { AND: [grantsOnHostWhere(hostId), granteeWhere(user)] },
    select: { role: true },
  });
  return strongestRole(grants.map((g) => g.role));
}

/**
 * The user's role on a host group as a whole: only grants on the group itself count, since a
 * group grant also covers hosts added to the group later.
 */
export async function effectiveGroupRole(
  user: SessionUser,
  groupId: string,
): Promise<HostRoleName | null> {
  if (user.role === "ADMIN") {
    const exists = await db.hostGroup.count({ where: { id: groupId } });
    return exists ? "HOST_ADMIN" : null;
  }
  const grants = await db.hostAccess.findMany({
    where: { AND: [{ groupId }, granteeWhere(user)] },
    select: { role: true },
  });
  return strongestRole(grants.map((g) => g.role));
}

function checkRole(
  role: HostRoleName | null,
  permission: HostPermission,
  what: "host" | "host group",
): HostRoleName {
  if (role === null) throw new BerthError("NOT_FOUND", `No such ${what}.`);
  if (!roleAllows(role, permission)) {
    throw new BerthError(
      "FORBIDDEN",
      `Your role on this ${what} (${role}) does not allow this; it needs ${HOST_PERMISSIONS[permission]}.`,
    );
  }
  return role;
}

/**
 * The one guard for host-scoped actions. A host the user has no grant on is reported as not
 * found, so ids of other teams' hosts reveal nothing.
 */
export async function requireHostPermission(
  user: SessionUser,
  hostId: string,
  permission: HostPermission,
): Promise<HostRoleName> {
  return checkRole(await effectiveHostRole(user, hostId), permission, "host");
}

/** The guard for actions on a host group as a whole (granting roles on it). */
export async function requireGroupPermission(
  user: SessionUser,
  groupId: string,
  permission: HostPermission,
): Promise<HostRoleName> {
  return checkRole(await effectiveGroupRole(user, groupId), permission, "host group");
}

/** Nobody hands out (or takes away) a role stronger than the one they hold on that scope. */
export function requireRoleWithin(own: HostRoleName, role: HostRoleName): void {
  if (roleRank(role) > roleRank(own)) {
    throw new BerthError(
      "FORBIDDEN",
      `You cannot grant or change ${role}: it is above your own role here (${own}).`,
      "role",
    );
  }
}

export function requireGlobalPermission(user: SessionUser, _permission: GlobalPermission): void {
  if (user.role !== "ADMIN") {
    throw new BerthError("FORBIDDEN", "Only administrators may do this.");
  }
}
