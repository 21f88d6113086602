import type {
  AlertDeliveryTrigger,
  AlertNotification,
  AlertRuleKind,
  AlertSeverity,
} from "@/lib/protocol";
import { readServerConfig } from "@/lib/server/config";

type EventRow = {
  id: string;
  ruleName: string;
  kind: AlertRuleKind;
  severity: AlertSeverity;
  hostName: string | null;
  containerName: string | null;
  message: string;
  firedAt: Date;
  resolvedAt: Date | null;
  resolvedMessage: string | null;
};

/** Links to the alert in Berth when the server knows its public address (BERTH_PUBLIC_URL). */
function eventLink(eventId: string): string | null {
  const base = readServerConfig().publicUrl;
  return base ? `${base.replace(/\/+$/, "")}/alerts?event=${encodeURIComponent(eventId)}` : null;
}

/** What a channel is told about an event firing or resolving. */
export function buildEventNotification(
  event: EventRow,
  trigger: Exclude<AlertDeliveryTrigger, "test">,
): AlertNotification {
  return {
    trigger,
    event: {
      id: event.id,
      rule: event.ruleName,
      kind: event.kind,
      severity: event.severity,
      host: event.hostName,
      container: event.containerName,
      message:
        trigger === "resolved" && event.resolvedMessage ? event.resolvedMessage : event.message,
      firedAt: event.firedAt.toISOString(),
      resolvedAt: event.resolvedAt?.toISOString() ?? null,
    },
    url: eventLink(event.id),
  };
}

/** "Send a test": a made-up event that says it is one. */
export function buildTestNotification(channelName: string, now = new Date()): AlertNotification {
  return {
    trigger: "test",
    event: {
      id: "test",
      rule: "Test notification",
      kind: "host_metric",
      severity: "info",
      host: null,
      container: null,
      message: `A test from Berth: the channel "${channelName}" works.`,
      firedAt: now.toISOString(),
      resolvedAt: null,
    },
    url: null,
  };
}
