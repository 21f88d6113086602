import { db } from "@/lib/db";
import { includeUserGrants, roleFromIncludedGrants, visibleHostsWhere } from "@/lib/auth/guard";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";

export type HostAccessEntry = {
  id: string;
  name: string;
  address: string | null;
  role: HostRoleName;
};

/** Every host the user may see with their role on it, from one filtered query. */
export async function listHostAccess(user: SessionUser): Promise<HostAccessEntry[]> {
  const hosts = await db.host.findMany({
    where: { ...visibleHostsWhere(user), revokedAt: null },
    select: { id: true, name: true, address: true, ...includeUserGrants(user) },
    orderBy: { name: "asc" },
  });
  return hosts.map((h) => ({
    id: h.id,
    name: h.name,
    address: h.address,
    role: roleFromIncludedGrants(user, h),
  }));
}
