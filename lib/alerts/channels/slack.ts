import type { AlertChannelSettings, AlertNotification } from "@/lib/protocol";
import { postHttp } from "./http-post";
import { clip, notificationFacts, notificationTitle } from "./notification-text";
import type { SendResult } from "./send-result";

type SlackSettings = Extract<AlertChannelSettings, { type: "slack" }>;

/** Slack's mrkdwn reads &, < and > as markup: names and messages are escaped. */
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A Slack-compatible incoming webhook's body: `text` alone says it all, `blocks` lay it out. */
export function slackBody(notification: AlertNotification): {
  text: string;
  blocks: Array<Record<string, unknown>>;
} {
  const title = clip(notificationTitle(notification), 2900);
  const facts = notificationFacts(notification)
    .map(([label, value]) => `*${label}:* ${escapeMrkdwn(clip(value, 200))}`)
    .join("\n");
  const blocks: Array<Record<string, unknown>> = [
    { type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(title)}*` } },
    { type: "section", text: { type: "mrkdwn", text: facts } },
  ];
  if (notification.url) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `<${notification.url}|Open in Berth>` }],
    });
  }
  const where = [notification.event.host, notification.event.container].filter(Boolean).join(" / ");
  return { text: where ? `${title} (${where})` : title, blocks };
}

export async function sendSlack(
  settings: SlackSettings,
  notification: AlertNotification,
): Promise<SendResult> {
  if (!settings.url) return { ok: false, code: null, response: "The webhook URL is not set." };
  return postHttp(
    settings.url,
    { "content-type": "application/json", "user-agent": "Berth" },
    JSON.stringify(slackBody(notification)),
  );
}
