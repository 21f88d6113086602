import { AlertEventQuerySchema, type AlertEventView } from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { parseAlertInput } from "./alert-rule-input";
import { toAlertEventViews } from "./alert-event-view";
import { loadAlertAccess, visibleEventsWhere } from "./rule-access";

export type AlertEventPage = {
  events: AlertEventView[];
  /** the id to pass as cursor for the next page; null on the last */
  nextCursor: string | null;
  /** alerts firing now that the caller can see (whatever the filters) */
  firing: number;
};

/** The alerts the caller can see, newest first, filtered and paged by cursor. */
export async function listAlertEvents(user: SessionUser, query: unknown): Promise<AlertEventPage> {
  const q = parseAlertInput(AlertEventQuerySchema, query);
  const visible = visibleEventsWhere(await loadAlertAccess(user));
  const where: Prisma.AlertEventWhereInput = {
    AND: [
      visible,
      q.state === "firing" ? { resolvedAt: null } : {},
      q.state === "resolved" ? { resolvedAt: { not: null } } : {},
      q.hostId ? { hostId: q.hostId } : {},
      q.ruleId ? { ruleId: q.ruleId } : {},
      q.severity ? { severity: q.severity } : {},
      q.q
        ? {
            OR: (["message", "ruleName", "hostName", "containerName"] as const).map((field) => ({
              [field]: { contains: q.q, mode: "insensitive" as const },
            })),
          }
        : {},
    ],
  };
  const [rows, firing] = await Promise.all([
    db.alertEvent.findMany({
      where,
      orderBy: [{ firedAt: "desc" }, { id: "desc" }],
      take: q.limit + 1,
      ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    }),
    db.alertEvent.count({ where: { AND: [visible, { resolvedAt: null }] } }),
  ]);
  const page = rows.slice(0, q.limit);
  return {
    events: await toAlertEventViews(page),
    nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
    firing,
  };
}
