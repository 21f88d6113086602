import type { AlertChannelSettings, AlertNotification } from "@/lib/protocol";
import { postHttp } from "./http-post";
import {
  clip,
  notificationColor,
  notificationFacts,
  notificationText,
  notificationTitle,
} from "./notification-text";
import type { SendResult } from "./send-result";

type DiscordSettings = Extract<AlertChannelSettings, { type: "discord" }>;

/** Discord refuses longer fields. */
const CONTENT_MAX = 2000;
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;

/**
 * A Discord-compatible webhook's body. Mentions are switched off: a log line or a container
 * name with "@everyone" in it must not ping a whole server.
 */
export function discordBody(notification: AlertNotification) {
  const facts = notificationFacts(notification)
    .map(([label, value]) => `**${label}:** ${value}`)
    .join("\n");
  const embed: Record<string, unknown> = {
    title: clip(notificationTitle(notification), TITLE_MAX),
    description: clip(`${notification.event.message}\n\n${facts}`, DESCRIPTION_MAX),
    color: notificationColor(notification.trigger, notification.event.severity),
    timestamp: notification.event.resolvedAt ?? notification.event.firedAt,
  };
  if (notification.url) embed.url = notification.url;
  return {
    content: clip(notificationText(notification), CONTENT_MAX),
    embeds: [embed],
    allowed_mentions: { parse: [] as string[] },
  };
}

export async function sendDiscord(
  settings: DiscordSettings,
  notification: AlertNotification,
): Promise<SendResult> {
  if (!settings.url) return { ok: false, code: null, response: "The webhook URL is not set." };
  return postHttp(
    settings.url,
    { "content-type": "application/json", "user-agent": "Berth" },
    JSON.stringify(discordBody(notification)),
  );
}
