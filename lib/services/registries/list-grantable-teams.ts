import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";

/** Teams a registry can be granted to (for the administrator's picker). */
export async function listGrantableTeams(
  user: SessionUser,
): Promise<Array<{ id: string; name: string }>> {
  requireGlobalPermission(user, "registry.manage");
  return db.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
