import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: "ADMIN" | "USER";
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
  teams: Array<{ id: string; name: string }>;
};

export async function listUsers(actor: SessionUser): Promise<UserRow[]> {
  requireGlobalPermission(actor, "users.manage");
  const users = await db.user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      disabled: true,
      createdAt: true,
      lastLoginAt: true,
      teams: { select: { team: { select: { id: true, name: true } } } },
    },
  });
  return users.map((u) => ({
    ...u,
    createdAt: u.createdAt.getTime(),
    lastLoginAt: u.lastLoginAt?.getTime() ?? null,
    teams: u.teams.map((t) => t.team),
  }));
}
