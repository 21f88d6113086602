import { BerthError } from "@/lib/protocol";
import { db, type Host, type Prisma } from "@/lib/db";
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

type IncludedGrants = {
  access: Array<{ role: HostRoleName }>;
  groups: Array<{ group: { access: Array<{ role: HostRoleName }> } }>;
};

/** The strongest of the grants includeUserGrants loaded; null when there are none. */
function strongestIncludedGrant(host: IncludedGrants): HostRoleName | null {
  return strongestRole([
    ...host.access.map((a) => a.role),
    ...host.groups.flatMap((g) => g.group.access.map((a) => a.role)),
  ]);
}

export function roleFromIncludedGrants(user: SessionUser, host: IncludedGrants): HostRoleName {
  if (user.role === "ADMIN") return "HOST_ADMIN";
  // Only visible hosts are listed, so there is always at least one grant.
  return strongestIncludedGrant(host) ?? "VIEWER";
}

/** A host with the user's role on it, as the guard hands them to services. */
export type HostWithRole = { host: Host; role: HostRoleName };

/**
 * The host and the user's role on it (the strongest of their own and their teams' grants), in
 * one query; null when there is no such host or the user holds no grant on it.
 */
async function hostWithRole(user: SessionUser, hostId: string): Promise<HostWithRole | null> {
  if (user.role === "ADMIN") {
    const host = await db.host.findUnique({ where: { id: hostId } });
    return host && { host, role: "HOST_ADMIN" };
  }
  const found = await db.host.findUnique({
    where: { id: hostId },
    include: includeUserGrants(user),
  });
  if (!found) return null;
  const { access, groups, ...host } = found;
  const role = strongestIncludedGrant({ access, groups });
  return role && { host, role };
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
  role: HostRoleName,
  permission: HostPermission,
  what: "host" | "host group",
): void {
  if (!roleAllows(role, permission)) {
    throw new BerthError(
      "FORBIDDEN",
      `Your role on this ${what} (${role}) does not allow this; it needs ${HOST_PERMISSIONS[permission]}.`,
    );
  }
}

/**
 * The one guard for host-scoped actions: the host row and the user's role on it, so services
 * need not load the host again. A host the user has no grant on is reported as not found, so
 * ids of other teams' hosts reveal nothing.
 */
export async function requireHostPermission(
  user: SessionUser,
  hostId: string,
  permission: HostPermission,
): Promise<HostWithRole> {
  const found = await hostWithRole(user, hostId);
  if (!found) throw new BerthError("NOT_FOUND", "No such host.");
  checkRole(found.role, permission, "host");
  return found;
}

/** The guard for actions on a host group as a whole (granting roles on it). */
export async function requireGroupPermission(
  user: SessionUser,
  groupId: string,
  permission: HostPermission,
): Promise<HostRoleName> {
  const role = await effectiveGroupRole(user, groupId);
  if (role === null) throw new BerthError("NOT_FOUND", "No such host group.");
  checkRole(role, permission, "host group");
  return role;
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
