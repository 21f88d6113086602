import type { RegistryView } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { toRegistryView } from "./registry-view";

/** Prisma filter for the registries a user may use: administrators all, others their teams'. */
export function usableRegistriesWhere(user: SessionUser) {
  if (user.role === "ADMIN") return {};
  return { grants: { some: { team: { members: { some: { userId: user.id } } } } } };
}

/** The registries this user may use (pull, push, browse), without passwords. */
export async function listRegistries(user: SessionUser): Promise<RegistryView[]> {
  const rows = await db.registry.findMany({
    where: usableRegistriesWhere(user),
    include: { grants: { select: { teamId: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => {
    const view = toRegistryView(row);
    // which teams hold a grant is for administrators only
    return user.role === "ADMIN" ? view : { ...view, teamIds: [] };
  });
}
