import type { AlertEventView } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { findVisibleEvent } from "./alert-event-lookup";
import { toAlertEventViews } from "./alert-event-view";

/** One alert the caller can see, with its deliveries counted (the rows are in the delivery log). */
export async function getAlertEvent(user: SessionUser, eventId: string): Promise<AlertEventView> {
  return (await toAlertEventViews([await findVisibleEvent(user, eventId)]))[0]!;
}
