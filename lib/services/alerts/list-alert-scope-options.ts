import { db } from "@/lib/db";
import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { loadAlertAccess, loadScopeGroups, mayManageScope } from "./rule-access";

export type AlertScopeOptions = {
  /** hosts the caller may make rules for */
  hosts: Array<{ id: string; name: string }>;
  /** groups the caller may make rules for */
  groups: Array<{ id: string; name: string }>;
  /** the caller may leave the scope empty: every host (admins) */
  everyHost: boolean;
};

/** What the rule form offers the caller in its scope pickers. */
export async function listAlertScopeOptions(user: SessionUser): Promise<AlertScopeOptions> {
  const access = await loadAlertAccess(user);
  const [hosts, groupRows] = await Promise.all([
    access.admin
      ? db.host.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } })
      : [...access.hosts]
          .filter(([, h]) => roleAllows(h.role, "alert.manage"))
          .map(([id, h]) => ({ id, name: h.name }))
          .sort((a, b) => a.name.localeCompare(b.name)),
    db.hostGroup.findMany({
      where: access.admin
        ? {}
        : { id: { in: [...access.visibleGroupIds, ...access.groupRoles.keys()] } },
      select: { id: true },
    }),
  ]);
  const groups = await loadScopeGroups(groupRows.map((g) => g.id));
  return {
    hosts,
    groups: [...groups]
      .filter(([id]) =>
        mayManageScope(access, { hostIds: [], hostGroupIds: [id], labels: [] }, groups),
      )
      .map(([id, g]) => ({ id, name: g.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    everyHost: access.admin,
  };
}
