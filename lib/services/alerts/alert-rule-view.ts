import {
  AlertConditionSchema,
  AlertScopeSchema,
  type AlertRuleView,
  type AlertScope,
} from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import {
  loadScopeGroups,
  mayListChannels,
  mayManageScope,
  visibleEventsWhere,
  type AlertAccess,
} from "./rule-access";

export const ALERT_RULE_INCLUDE = {
  channels: { select: { channel: { select: { id: true, name: true, type: true } } } },
} satisfies Prisma.AlertRuleInclude;

export type AlertRuleRow = Prisma.AlertRuleGetPayload<{ include: typeof ALERT_RULE_INCLUDE }>;

/** A stored scope (validated when it was written). */
export function scopeOf(row: { scope: Prisma.JsonValue }): AlertScope {
  return AlertScopeSchema.parse(row.scope);
}

/**
 * Rules as the caller sees them: scope hosts and groups by name (only those the caller can see),
 * channels (for those who may list them), firing alerts on hosts the caller can see, and
 * whether the caller may change the rule.
 */
export async function toAlertRuleViews(
  access: AlertAccess,
  rows: AlertRuleRow[],
): Promise<AlertRuleView[]> {
  const scopes = new Map(rows.map((r) => [r.id, scopeOf(r)]));
  const hostIds = [...new Set([...scopes.values()].flatMap((s) => s.hostIds))];
  const groupIds = [...new Set([...scopes.values()].flatMap((s) => s.hostGroupIds))];
  const [groups, hostNames, firing, users] = await Promise.all([
    loadScopeGroups(groupIds),
    access.admin
      ? db.host
          .findMany({ where: { id: { in: hostIds } }, select: { id: true, name: true } })
          .then((hosts) => new Map(hosts.map((h) => [h.id, h.name])))
      : new Map([...access.hosts].map(([id, h]) => [id, h.name])),
    db.alertEvent.groupBy({
      by: ["ruleId"],
      where: {
        ruleId: { in: rows.map((r) => r.id) },
        resolvedAt: null,
        ...visibleEventsWhere(access),
      },
      _count: { _all: true },
    }),
    db.user.findMany({
      where: { id: { in: rows.flatMap((r) => [r.createdById, r.silencedById]).filter(isId) } },
      select: { id: true, email: true },
    }),
  ]);
  const firingBy = new Map(firing.map((f) => [f.ruleId, f._count._all]));
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const seesGroup = (id: string) =>
    access.admin || access.visibleGroupIds.includes(id) || access.groupRoles.has(id);
  const channels = mayListChannels(access);
  return rows.map((row) => {
    const scope = scopes.get(row.id)!;
    const silenced = row.silencedUntil !== null && row.silencedUntil > new Date();
    return {
      id: row.id,
      name: row.name,
      enabled: row.enabled,
      severity: row.severity,
      condition: AlertConditionSchema.parse(row.condition),
      scope,
      scopeNames: {
        hosts: scope.hostIds.flatMap((id) => hostNames.get(id) ?? []),
        groups: scope.hostGroupIds.flatMap((id) =>
          seesGroup(id) ? (groups.get(id)?.name ?? []) : [],
        ),
      },
      channels: channels
        ? row.channels
            .map((c) => c.channel)
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((c) => ({ id: c.id, name: c.name, type: c.type }))
        : [],
      silencedUntil: silenced ? row.silencedUntil!.toISOString() : null,
      silencedBy: silenced && row.silencedById ? (emails.get(row.silencedById) ?? null) : null,
      silenceReason: silenced ? row.silenceReason : null,
      createdBy: row.createdById ? (emails.get(row.createdById) ?? null) : null,
      createdAt: row.createdAt.toISOString(),
      firing: firingBy.get(row.id) ?? 0,
      canManage: mayManageScope(access, scope, groups),
    };
  });
}

const isId = (id: string | null): id is string => id !== null;
