import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";

export type TeamRow = {
  id: string;
  name: string;
  members: Array<{ id: string; name: string; email: string; disabled: boolean }>;
  grants: number;
};

export async function listTeams(actor: SessionUser): Promise<TeamRow[]> {
  requireGlobalPermission(actor, "teams.manage");
  const teams = await db.team.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      members: {
        orderBy: { user: { email: "asc" } },
        select: { user: { select: { id: true, name: true, email: true, disabled: true } } },
      },
      _count: { select: { hostAccess: true } },
    },
  });
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    members: t.members.map((m) => m.user),
    grants: t._count.hostAccess,
  }));
}
