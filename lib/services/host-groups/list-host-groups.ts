import { db } from "@/lib/db";
import { granteeWhere } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";

export type HostGroupRow = {
  id: string;
  name: string;
  hosts: Array<{ id: string; name: string }>;
};

/**
 * Groups the user may see: all for an administrator, otherwise those they hold a grant on.
 * Member hosts are listed only where the user may see them too.
 */
export async function listHostGroups(user: SessionUser): Promise<HostGroupRow[]> {
  const admin = user.role === "ADMIN";
  const groups = await db.hostGroup.findMany({
    where: admin ? {} : { access: { some: granteeWhere(user) } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      hosts: {
        where: { host: { revokedAt: null } },
        orderBy: { host: { name: "asc" } },
        select: { host: { select: { id: true, name: true } } },
      },
    },
  });
  return groups.map((g) => ({ id: g.id, name: g.name, hosts: g.hosts.map((h) => h.host) }));
}
