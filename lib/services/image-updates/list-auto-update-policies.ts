import { z } from "zod";
import { BerthError, type AutoUpdatePolicyView } from "@/lib/protocol";
import { db } from "@/lib/db";
import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";
import { toAutoUpdateView } from "./auto-update-view";

export const AutoUpdateQuerySchema = z.object({ hostId: z.string().max(64).optional() });

/** The auto-update policies of every host the user may read containers on (or one of them). */
export async function listAutoUpdatePolicies(
  user: SessionUser,
  query: unknown,
): Promise<{ policies: AutoUpdatePolicyView[] }> {
  const { hostId } = AutoUpdateQuerySchema.parse(query);
  const hosts = (await listHostAccess(user)).filter(
    (h) => (!hostId || h.id === hostId) && roleAllows(h.role, "container.read"),
  );
  if (hostId && hosts.length === 0) throw new BerthError("NOT_FOUND", "No such host.");
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  const rows = await db.autoUpdatePolicy.findMany({
    where: { hostId: { in: hosts.map((h) => h.id) } },
    orderBy: { createdAt: "asc" },
  });
  return {
    policies: rows.map((row) => toAutoUpdateView(row, names.get(row.hostId) ?? row.hostId)),
  };
}
