import type { AlertEventView } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { pushAlertsChanged } from "@/lib/hub/ui-namespace";
import { audited } from "@/lib/services/audit/audited";
import { findSilenceableEvent } from "./alert-event-lookup";
import { toAlertEventViews } from "./alert-event-view";

/** Ends one alert's silence now. */
export async function unsilenceAlertEvent(
  user: SessionUser,
  eventId: string,
  clientAddress?: string,
): Promise<AlertEventView> {
  let hostId: string | null = null;
  const view = await audited(
    { actor: user, action: "alert.event.unsilence", target: eventId, clientAddress },
    async () => {
      const event = await findSilenceableEvent(user, eventId);
      hostId = event.hostId;
      const row = await db.alertEvent.update({
        where: { id: eventId },
        data: { silencedUntil: null, silencedById: null, silencedBy: null },
      });
      return (await toAlertEventViews([row]))[0]!;
    },
  );
  pushAlertsChanged(hostId);
  return view;
}
