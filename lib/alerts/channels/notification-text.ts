import type { AlertDeliveryTrigger, AlertNotification, AlertSeverity } from "@/lib/protocol";

/** How each trigger is named in subjects and titles. */
export const TRIGGER_WORD: Record<AlertDeliveryTrigger, string> = {
  fired: "FIRING",
  resolved: "RESOLVED",
  test: "TEST",
};

const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ").trim();

/** "FIRING High CPU: CPU 97% for 30 s (threshold 90%)" */
export function notificationTitle(n: AlertNotification): string {
  return oneLine(`${TRIGGER_WORD[n.trigger]} ${n.event.rule}: ${n.event.message}`);
}

/** The email subject: "[Berth] FIRING High CPU: CPU 97% …", kept to one short line. */
export function notificationSubject(n: AlertNotification): string {
  return clip(`[Berth] ${notificationTitle(n)}`, 200);
}

/** The facts below the title, one "Label: value" per line (no link). */
export function notificationFacts(n: AlertNotification): Array<[string, string]> {
  const facts: Array<[string, string]> = [["Severity", n.event.severity]];
  if (n.event.host) facts.push(["Host", n.event.host]);
  if (n.event.container) facts.push(["Container", n.event.container]);
  facts.push(["Fired at", n.event.firedAt]);
  if (n.event.resolvedAt) facts.push(["Resolved at", n.event.resolvedAt]);
  return facts;
}

/** The whole notification as plain text: title, facts, link. */
export function notificationText(n: AlertNotification): string {
  const lines = [
    notificationTitle(n),
    "",
    ...notificationFacts(n).map(([label, value]) => `${label}: ${oneLine(value)}`),
  ];
  if (n.url) lines.push("", n.url);
  return lines.join("\n");
}

/** Colours by severity (a resolution is green), as 0xRRGGBB. */
export function notificationColor(trigger: AlertDeliveryTrigger, severity: AlertSeverity): number {
  if (trigger === "resolved") return 0x16a34a;
  return { critical: 0xdc2626, warning: 0xf59e0b, info: 0x0284c7 }[severity];
}

/** At most `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
