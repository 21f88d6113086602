import { createHmac } from "node:crypto";
import {
  ALERT_SIGNATURE_HEADER,
  ALERT_TIMESTAMP_HEADER,
  type AlertChannelSettings,
  type AlertNotification,
} from "@/lib/protocol";
import { postHttp } from "./http-post";
import type { SendResult } from "./send-result";

type WebhookSettings = Extract<AlertChannelSettings, { type: "webhook" }>;

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`, as receivers recompute it. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The generic webhook's request: the notification as JSON, signed when a secret is set. */
export function webhookRequest(
  settings: WebhookSettings,
  notification: AlertNotification,
  now = Date.now(),
): { url: string; headers: Record<string, string>; body: string } {
  const body = JSON.stringify(notification);
  const timestamp = Math.floor(now / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Berth",
    [ALERT_TIMESTAMP_HEADER]: String(timestamp),
  };
  if (settings.secret)
    headers[ALERT_SIGNATURE_HEADER] = webhookSignature(settings.secret, timestamp, body);
  return { url: settings.url, headers, body };
}

export async function sendWebhook(
  settings: WebhookSettings,
  notification: AlertNotification,
): Promise<SendResult> {
  const { url, headers, body } = webhookRequest(settings, notification);
  return postHttp(url, headers, body);
}
