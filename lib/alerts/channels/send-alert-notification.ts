import {
  ALERT_CHANNEL_SECRETS,
  type AlertChannelSettings,
  type AlertNotification,
} from "@/lib/protocol";
import { sendDiscord } from "./discord";
import { sendEmail } from "./email";
import { sendNtfy } from "./ntfy";
import { RESPONSE_MAX_BYTES, scrubSecrets, type SendResult } from "./send-result";
import { sendSlack } from "./slack";
import { sendWebhook } from "./webhook";

/** Every value in the settings that must not be stored or shown: the type's secret fields. */
export function secretValues(settings: AlertChannelSettings): string[] {
  const fields = settings as Record<string, unknown>;
  return ALERT_CHANNEL_SECRETS[settings.type]
    .map((name) => fields[name])
    .filter((v): v is string => typeof v === "string" && v.length > 0);
}

/**
 * Sends one notification through one channel (the settings with their secrets) and says how it
 * went, with the secrets scrubbed from the answer. Never throws.
 */
export async function sendAlertNotification(
  settings: AlertChannelSettings,
  notification: AlertNotification,
  recipient: string | null = null,
): Promise<SendResult> {
  let result: SendResult;
  try {
    result = await send(settings, notification, recipient);
  } catch (err) {
    result = { ok: false, code: null, response: err instanceof Error ? err.message : String(err) };
  }
  // a generic webhook's URL is not a secret field, but its path often holds a token
  const hidden = [
    ...secretValues(settings),
    ...(settings.type === "webhook" ? [settings.url] : []),
  ];
  const response = scrubSecrets(result.response, hidden);
  return { ...result, response: response.slice(0, RESPONSE_MAX_BYTES) };
}

function send(
  settings: AlertChannelSettings,
  notification: AlertNotification,
  recipient: string | null,
): Promise<SendResult> {
  switch (settings.type) {
    case "webhook":
      return sendWebhook(settings, notification);
    case "slack":
      return sendSlack(settings, notification);
    case "discord":
      return sendDiscord(settings, notification);
    case "ntfy":
      return sendNtfy(settings, notification);
    case "email":
      return sendEmail(settings, notification, recipient);
  }
}
