import {
  ALERT_CHANNEL_SECRETS,
  BerthError,
  type AlertChannelSettings,
  type AlertChannelType,
} from "@/lib/protocol";

type Stored = {
  type: AlertChannelType;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
};

/**
 * The settings to use after a change: a secret left out keeps the stored one, an empty one
 * removes it. A new type takes none of the old secrets. A stored token or password goes only to
 * the server it was given for: moving the channel elsewhere needs it again, or an administrator
 * could send it to a server of their own.
 */
export function mergeChannelSecrets(
  stored: Stored | null,
  next: AlertChannelSettings,
): AlertChannelSettings {
  if (!stored || stored.type !== next.type) return dropEmptySecrets(next);
  const merged: Record<string, unknown> = { ...next };
  for (const name of ALERT_CHANNEL_SECRETS[next.type]) {
    const given = merged[name];
    if (given === undefined && stored.secrets[name] !== undefined) {
      requireSameDestination(stored, next, name);
      merged[name] = stored.secrets[name];
    }
  }
  return dropEmptySecrets(merged as AlertChannelSettings);
}

function dropEmptySecrets(settings: AlertChannelSettings): AlertChannelSettings {
  const copy: Record<string, unknown> = { ...settings };
  for (const name of ALERT_CHANNEL_SECRETS[settings.type]) {
    if (copy[name] === "") delete copy[name];
  }
  return copy as AlertChannelSettings;
}

function requireSameDestination(stored: Stored, next: AlertChannelSettings, secret: string): void {
  const moved =
    (next.type === "ntfy" && stored.config.serverUrl !== next.serverUrl) ||
    (next.type === "email" && stored.config.host !== next.host);
  if (moved) {
    throw new BerthError(
      "BAD_REQUEST",
      `Enter the ${secret} again: the channel's server changed.`,
      `settings.${secret}`,
    );
  }
}

/** Slack and Discord channels are nothing without their URL (a secret, so optional in the schema). */
export function requireSendable(settings: AlertChannelSettings): void {
  if ((settings.type === "slack" || settings.type === "discord") && !settings.url) {
    throw new BerthError("BAD_REQUEST", "Enter the webhook URL.", "settings.url");
  }
}
