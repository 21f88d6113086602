import { db } from "@/lib/db";
import { granteeWhere } from "@/lib/auth/guard";
import { HOST_PERMISSIONS, HOST_ROLES, roleRank } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError } from "@/lib/protocol";

export type Grantees = {
  teams: Array<{ id: string; name: string }>;
  users: Array<{ id: string; name: string; email: string }>;
};

/**
 * Teams and enabled users a role can be granted to, for the pickers of the access forms: only
 * for someone who may manage access somewhere. Administrators see everyone; others see only
 * their own teams and the people in them, so the picker does not reveal every account.
 */
export async function listGrantees(actor: SessionUser): Promise<Grantees> {
  if (actor.role === "ADMIN") {
    const [teams, users] = await Promise.all([
      db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
      db.user.findMany({
        where: { disabled: false },
        orderBy: { email: "asc" },
        select: { id: true, name: true, email: true },
      }),
    ]);
    return { teams, users };
  }
  const least = roleRank(HOST_PERMISSIONS["access.grant"]);
  const granting = await db.hostAccess.count({
    where: {
      AND: [granteeWhere(actor), { role: { in: HOST_ROLES.filter((r) => roleRank(r) >= least) } }],
    },
  });
  if (granting === 0) throw new BerthError("FORBIDDEN", "You may not manage access anywhere.");
  const ownTeams = { members: { some: { userId: actor.id } } };
  const [teams, users] = await Promise.all([
    db.team.findMany({
      where: ownTeams,
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.user.findMany({
      where: { disabled: false, teams: { some: { team: ownTeams } } },
      orderBy: { email: "asc" },
      select: { id: true, name: true, email: true },
    }),
  ]);
  return { teams, users };
}
