import { BerthError, type AlertScope } from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import {
  granteeWhere,
  includeUserGrants,
  roleFromIncludedGrants,
  visibleHostsWhere,
} from "@/lib/auth/guard";
import {
  HOST_PERMISSIONS,
  roleAllows,
  strongestRole,
  type HostRoleName,
} from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";

/*
 * Who may do what with alert rules and alerts:
 * - manage a rule (make, change, delete, silence): admins whatever its scope (no hosts and no
 *   groups: every host); others with alert.manage on every host the scope names and, for each
 *   group it names, on every member host (an empty group only through a grant on the group
 *   itself), never an empty scope;
 * - read a rule: admins; others when it covers a host they can read (an every-host rule is
 *   read by everyone signed in);
 * - see an alert: host.read on its host; alerts without a host only admins.
 */

/** What a user holds, read once per request: the hosts they see with their roles, group grants. */
export type AlertAccess =
  | { admin: true; user: SessionUser }
  | {
      admin: false;
      user: SessionUser;
      /** visible hosts (host.read) with the role on each */
      hosts: Map<string, { name: string; role: HostRoleName }>;
      /** groups with at least one visible member */
      visibleGroupIds: string[];
      /** roles granted on groups themselves */
      groupRoles: Map<string, HostRoleName>;
    };

export async function loadAlertAccess(user: SessionUser): Promise<AlertAccess> {
  if (user.role === "ADMIN") return { admin: true, user };
  const [hosts, groupGrants] = await Promise.all([
    db.host.findMany({
      where: visibleHostsWhere(user),
      select: { id: true, name: true, ...includeUserGrants(user) },
    }),
    db.hostAccess.findMany({
      where: { AND: [{ groupId: { not: null } }, granteeWhere(user)] },
      select: { groupId: true, role: true },
    }),
  ]);
  const members = await db.hostGroupMember.findMany({
    where: { hostId: { in: hosts.map((h) => h.id) } },
    select: { groupId: true },
    distinct: ["groupId"],
  });
  const groupRoles = new Map<string, HostRoleName>();
  for (const g of groupGrants) {
    const previous = groupRoles.get(g.groupId!);
    groupRoles.set(g.groupId!, strongestRole(previous ? [previous, g.role] : [g.role])!);
  }
  return {
    admin: false,
    user,
    hosts: new Map(
      hosts.map((h) => [h.id, { name: h.name, role: roleFromIncludedGrants(user, h) }]),
    ),
    visibleGroupIds: members.map((m) => m.groupId),
    groupRoles,
  };
}

/** The ids of the hosts the user can read; "all" for admins. */
export function visibleHostIds(access: AlertAccess): string[] | "all" {
  return access.admin ? "all" : [...access.hosts.keys()];
}

/** Alerts the user may see, as a Prisma filter. */
export function visibleEventsWhere(access: AlertAccess): Prisma.AlertEventWhereInput {
  return access.admin ? {} : { hostId: { in: [...access.hosts.keys()] } };
}

/**
 * Rules the user may read, as a Prisma filter over the scope's JSON: every-host rules, and rules
 * naming a host they see or a group with such a host or a grant of theirs.
 */
export function readableRulesWhere(access: AlertAccess): Prisma.AlertRuleWhereInput {
  if (access.admin) return {};
  return {
    OR: [
      {
        AND: [
          { scope: { path: ["hostIds"], equals: [] } },
          { scope: { path: ["hostGroupIds"], equals: [] } },
        ],
      },
      ...[...access.hosts.keys()].map((id) => ({
        scope: { path: ["hostIds"], array_contains: [id] },
      })),
      ...[...new Set([...access.visibleGroupIds, ...access.groupRoles.keys()])].map((id) => ({
        scope: { path: ["hostGroupIds"], array_contains: [id] },
      })),
    ],
  };
}

/** Anyone who may make a rule sees the channels' names and types (for the rule form). */
export function mayListChannels(access: AlertAccess): boolean {
  return (
    access.admin ||
    [...access.hosts.values()].some((h) => roleAllows(h.role, "alert.manage")) ||
    [...access.groupRoles.values()].some((r) => roleAllows(r, "alert.manage"))
  );
}

export type ScopeGroups = Map<string, { name: string; hostIds: string[] }>;

/** The groups a scope names, with their member hosts. */
export async function loadScopeGroups(groupIds: readonly string[]): Promise<ScopeGroups> {
  if (groupIds.length === 0) return new Map();
  const groups = await db.hostGroup.findMany({
    where: { id: { in: [...groupIds] } },
    select: { id: true, name: true, hosts: { select: { hostId: true } } },
  });
  return new Map(
    groups.map((g) => [g.id, { name: g.name, hostIds: g.hosts.map((h) => h.hostId) }]),
  );
}

const NEEDS = HOST_PERMISSIONS["alert.manage"];

/**
 * Why the user may not manage a rule with this scope (a BerthError on the scope field at
 * fault), or null when they may. Hosts and groups they cannot see are "not found", like ids
 * that do not exist. `groups` holds the groups the scope names (loadScopeGroups).
 */
export function scopeRefusal(
  access: AlertAccess,
  scope: AlertScope,
  groups: ScopeGroups,
): BerthError | null {
  if (access.admin) {
    const unknownGroup = scope.hostGroupIds.find((id) => !groups.has(id));
    return unknownGroup ? noSuchGroup(unknownGroup) : null;
  }
  if (scope.hostIds.length === 0 && scope.hostGroupIds.length === 0) {
    return new BerthError(
      "FORBIDDEN",
      "Only administrators may make a rule for every host: choose hosts or host groups.",
      "scope.hostIds",
    );
  }
  for (const id of scope.hostIds) {
    const host = access.hosts.get(id);
    if (!host) return noSuchHost(id);
    if (!roleAllows(host.role, "alert.manage")) {
      return new BerthError(
        "FORBIDDEN",
        `Your role on ${host.name} (${host.role}) does not allow alert rules; it needs ${NEEDS}.`,
        "scope.hostIds",
      );
    }
  }
  for (const id of scope.hostGroupIds) {
    const group = groups.get(id);
    const groupRole = access.groupRoles.get(id) ?? null;
    if (!group || (groupRole === null && !access.visibleGroupIds.includes(id)))
      return noSuchGroup(id);
    if (roleAllows(groupRole, "alert.manage")) continue;
    const weak = group.hostIds.filter(
      (h) => !roleAllows(access.hosts.get(h)?.role ?? null, "alert.manage"),
    );
    if (group.hostIds.length === 0) {
      return new BerthError(
        "FORBIDDEN",
        `The group ${group.name} has no hosts yet: a rule for it needs ${NEEDS} on the group itself.`,
        "scope.hostGroupIds",
      );
    }
    if (weak.length > 0) {
      const names = weak.flatMap((h) => access.hosts.get(h)?.name ?? []);
      const hidden = weak.length - names.length;
      const which = [...names, ...(hidden > 0 ? [`${hidden} you cannot see`] : [])];
      return new BerthError(
        "FORBIDDEN",
        `The group ${group.name} has hosts you do not administer (${which.join(", ")}); a rule for it needs ${NEEDS} on every one.`,
        "scope.hostGroupIds",
      );
    }
  }
  return null;
}

/** Whether the user may change, delete or silence a rule with this scope. */
export function mayManageScope(access: AlertAccess, scope: AlertScope, groups: ScopeGroups) {
  return access.admin || scopeRefusal(access, scope, groups) === null;
}

/** Throws unless the user may manage a rule with this scope, whose hosts and groups exist. */
export async function requireScopeManage(access: AlertAccess, scope: AlertScope): Promise<void> {
  if (access.admin && scope.hostIds.length > 0) {
    const known = await db.host.findMany({
      where: { id: { in: scope.hostIds } },
      select: { id: true },
    });
    const ids = new Set(known.map((h) => h.id));
    const unknown = scope.hostIds.find((id) => !ids.has(id));
    if (unknown) throw noSuchHost(unknown);
  }
  const refusal = scopeRefusal(access, scope, await loadScopeGroups(scope.hostGroupIds));
  if (refusal) throw refusal;
}

/** Whether the user may see an alert on this host (null: no host, admins only). */
export function maySeeEvent(access: AlertAccess, hostId: string | null): boolean {
  if (access.admin) return true;
  return hostId !== null && access.hosts.has(hostId);
}

const noSuchHost = (id: string) =>
  new BerthError("NOT_FOUND", `No such host: ${id}.`, "scope.hostIds");
const noSuchGroup = (id: string) =>
  new BerthError("NOT_FOUND", `No such host group: ${id}.`, "scope.hostGroupIds");
