import { BerthError } from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import {
  HOST_PERMISSIONS,
  roleAllows,
  strongestRole,
  type GlobalPermission,
  type HostPermission,
  type HostRoleName,
} from "./permissions";
import type { SessionUser } from "./session-user";

/** Prisma filter for the hosts a user may see at all: lists are filtered in the query. */
export function visibleHostsWhere(user: SessionUser): Prisma.HostWhereInput {
  if (user.role === "ADMIN") return {};
  return {
    access: {
      some: { OR: [{ userId: user.id }, { team: { members: { some: { userId: user.id } } } }] },
    },
  };
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
    where: {
      hostId,
      OR: [{ userId: user.id }, { team: { members: { some: { userId: user.id } } } }],
    },
    select: { role: true },
  });
  return strongestRole(grants.map((g) => g.role));
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
  const role = await effectiveHostRole(user, hostId);
  if (role === null) throw new BerthError("NOT_FOUND", "No such host.");
  if (!roleAllows(role, permission)) {
    throw new BerthError(
      "FORBIDDEN",
      `Your role on this host (${role}) does not allow this; it needs ${HOST_PERMISSIONS[permission]}.`,
    );
  }
  return role;
}

export function requireGlobalPermission(user: SessionUser, _permission: GlobalPermission): void {
  if (user.role !== "ADMIN") {
    throw new BerthError("FORBIDDEN", "Only administrators may do this.");
  }
}
