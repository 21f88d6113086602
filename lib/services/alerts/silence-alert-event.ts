import { AlertSilenceInputSchema, type AlertEventView } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { pushAlertsChanged } from "@/lib/hub/ui-namespace";
import { audited } from "@/lib/services/audit/audited";
import { findSilenceableEvent } from "./alert-event-lookup";
import { parseAlertInput } from "./alert-rule-input";
import { toAlertEventViews } from "./alert-event-view";

/**
 * Silences one alert until a time: the engine sends no notification for the same rule and
 * subject until then (this alert's resolution included, and firings of it again).
 */
export async function silenceAlertEvent(
  user: SessionUser,
  eventId: string,
  input: unknown,
  clientAddress?: string,
): Promise<AlertEventView> {
  const data = parseAlertInput(AlertSilenceInputSchema, input);
  const until = new Date(Date.now() + data.minutes * 60_000);
  const params = { minutes: data.minutes, until: until.toISOString(), reason: data.reason ?? null };
  let hostId: string | null = null;
  const view = await audited(
    { actor: user, action: "alert.event.silence", target: eventId, params, clientAddress },
    async () => {
      const event = await findSilenceableEvent(user, eventId);
      hostId = event.hostId;
      const row = await db.alertEvent.update({
        where: { id: eventId },
        data: { silencedUntil: until, silencedById: user.id, silencedBy: user.email },
      });
      return (await toAlertEventViews([row]))[0]!;
    },
  );
  pushAlertsChanged(hostId);
  return view;
}
