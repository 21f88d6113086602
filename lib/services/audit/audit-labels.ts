import { db } from "@/lib/db";

/**
 * Readable names for audit targets, looked up before an action (a deleted row keeps its name
 * in the log). An unknown id stays as it is: the action itself will report it.
 */
export async function userLabel(userId: string): Promise<string> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  return user?.email ?? userId;
}

export async function teamLabel(teamId: string): Promise<string> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { name: true } });
  return team ? `team ${team.name}` : teamId;
}

export async function groupLabel(groupId: string): Promise<string> {
  const group = await db.hostGroup.findUnique({ where: { id: groupId }, select: { name: true } });
  return group ? `host group ${group.name}` : groupId;
}

/** "team ops" or "user dana@example.test": who a grant is for. */
export async function granteeLabel(grantee: {
  teamId?: string | null;
  userId?: string | null;
}): Promise<string> {
  if (grantee.teamId) return teamLabel(grantee.teamId);
  return grantee.userId ? `user ${await userLabel(grantee.userId)}` : "nobody";
}
