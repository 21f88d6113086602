import { BerthError } from "@/lib/protocol";
import { db, type AlertEvent } from "@/lib/db";
import { requireGlobalPermission, requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { loadAlertAccess, visibleEventsWhere } from "./rule-access";

/** An alert the caller can see; any other is "not found". */
export async function findVisibleEvent(user: SessionUser, eventId: string): Promise<AlertEvent> {
  const row = await db.alertEvent.findFirst({
    where: { AND: [{ id: eventId }, visibleEventsWhere(await loadAlertAccess(user))] },
  });
  if (!row) throw new BerthError("NOT_FOUND", "No such alert.");
  return row;
}

/** An alert the caller may silence: alert.manage on its host (admins for one without a host). */
export async function findSilenceableEvent(
  user: SessionUser,
  eventId: string,
): Promise<AlertEvent> {
  const row = await findVisibleEvent(user, eventId);
  if (row.hostId === null) requireGlobalPermission(user, "alerts.manage");
  else await requireHostPermission(user, row.hostId, "alert.manage");
  return row;
}
