import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";

export type InviteRow = {
  id: string;
  email: string;
  role: "ADMIN" | "USER";
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  createdBy: string | null;
};

/** Invitations of the last week, newest first (tokens are never shown again). */
export async function listInvites(actor: SessionUser): Promise<InviteRow[]> {
  requireGlobalPermission(actor, "users.manage");
  const links = await db.accountLink.findMany({
    where: { purpose: "INVITE", createdAt: { gt: new Date(Date.now() - 7 * 86_400_000) } },
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { email: true } } },
  });
  return links.map((l) => ({
    id: l.id,
    email: l.email,
    role: l.role,
    createdAt: l.createdAt.getTime(),
    expiresAt: l.expiresAt.getTime(),
    usedAt: l.usedAt?.getTime() ?? null,
    createdBy: l.createdBy?.email ?? null,
  }));
}
