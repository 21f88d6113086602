import type { Prisma } from "@/lib/db";
import type { AuditQuery } from "@/lib/protocol";

/** The audit query's filters as a Prisma where (the page marker included). */
export function auditWhere(query: AuditQuery): Prisma.AuditEventWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (query.from) at.gte = query.from;
  if (query.to) at.lte = query.to;
  return {
    ...(query.user ? { actorId: query.user } : {}),
    ...(query.host ? { hostId: query.host } : {}),
    // "container." matches every container action; a full name matches just that one.
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.from || query.to ? { at } : {}),
    ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
  };
}
