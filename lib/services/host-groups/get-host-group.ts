import { db } from "@/lib/db";
import { effectiveGroupRole } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { BerthError } from "@/lib/protocol";
import type { HostGroupRow } from "./list-host-groups";

/** One group, for someone with a role on it (everyone else: not found). */
export async function getHostGroup(user: SessionUser, groupId: string): Promise<HostGroupRow> {
  if ((await effectiveGroupRole(user, groupId)) === null) {
    throw new BerthError("NOT_FOUND", "No such host group.");
  }
  const group = await db.hostGroup.findUnique({
    where: { id: groupId },
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
  if (!group) throw new BerthError("NOT_FOUND", "No such host group.");
  return { id: group.id, name: group.name, hosts: group.hosts.map((h) => h.host) };
}
