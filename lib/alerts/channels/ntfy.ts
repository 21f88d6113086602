import type { AlertChannelSettings, AlertNotification, AlertSeverity } from "@/lib/protocol";
import { postHttp } from "./http-post";
import { notificationFacts, notificationTitle } from "./notification-text";
import type { SendResult } from "./send-result";

type NtfySettings = Extract<AlertChannelSettings, { type: "ntfy" }>;

/** ntfy priorities: 5 urgent, 4 high, 3 default. A resolution is never urgent. */
const PRIORITY: Record<AlertSeverity, string> = { critical: "5", warning: "4", info: "3" };
const TAG: Record<AlertSeverity, string> = {
  critical: "rotating_light",
  warning: "warning",
  info: "information_source",
};

/**
 * Header values are bytes on the wire: text beyond ASCII goes as an RFC 2047 encoded word,
 * which ntfy decodes.
 */
function headerText(text: string): string {
  const line = text.replace(/[\r\n]+/g, " ").slice(0, 250);
  return /^[\x20-\x7e]*$/.test(line)
    ? line
    : `=?UTF-8?B?${Buffer.from(line, "utf8").toString("base64")}?=`;
}

/** The request to `<serverUrl>/<topic>`: the message as the body, the rest in headers. */
export function ntfyRequest(
  settings: NtfySettings,
  notification: AlertNotification,
): { url: string; headers: Record<string, string>; body: string } {
  const { trigger, event } = notification;
  const headers: Record<string, string> = {
    "content-type": "text/plain; charset=utf-8",
    "user-agent": "Berth",
    title: headerText(notificationTitle(notification)),
    priority: trigger === "resolved" ? "3" : PRIORITY[event.severity],
    tags: [trigger === "resolved" ? "white_check_mark" : TAG[event.severity], "berth"].join(","),
  };
  if (notification.url) headers.click = notification.url;
  if (settings.token) headers.authorization = `Bearer ${settings.token}`;
  const body = [
    event.message,
    "",
    ...notificationFacts(notification)
      .filter(([label]) => label !== "Severity")
      .map(([label, value]) => `${label}: ${value}`),
  ].join("\n");
  return { url: `${settings.serverUrl.replace(/\/+$/, "")}/${settings.topic}`, headers, body };
}

export async function sendNtfy(
  settings: NtfySettings,
  notification: AlertNotification,
): Promise<SendResult> {
  const { url, headers, body } = ntfyRequest(settings, notification);
  return postHttp(url, headers, body);
}
