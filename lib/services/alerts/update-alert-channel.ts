import {
  ALERT_CHANNEL_SECRETS,
  AlertChannelPatchSchema,
  type AlertChannelSettings,
  type AlertChannelView,
} from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { sealSecret } from "@/lib/server/secret-box";
import { audited } from "@/lib/services/audit/audited";
import {
  channelSecretContext,
  channelViewInclude,
  findChannel,
  openChannelSecrets,
  requireUniqueChannelName,
  splitSettings,
  toAlertChannelView,
} from "./alert-channel-view";
import { mergeChannelSecrets, requireSendable } from "./channel-settings";
import { requireAlertsManage } from "./require-alerts-manage";

/**
 * Changes a channel (administrators). Settings come whole; a secret left out keeps the stored
 * one, an empty one removes it, and a new type starts without secrets.
 */
export async function updateAlertChannel(
  user: SessionUser,
  channelId: string,
  input: unknown,
  clientAddress?: string,
): Promise<AlertChannelView> {
  await requireAlertsManage(user, {
    action: "alert.channel.update",
    target: channelId,
    clientAddress,
  });
  const patch = AlertChannelPatchSchema.parse(input);
  const given = patch.settings ? splitSettings(patch.settings) : null;
  return audited(
    {
      actor: user,
      action: "alert.channel.update",
      target: channelId,
      params: {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.settings && given
          ? {
              type: patch.settings.type,
              settings: given.config as Prisma.InputJsonObject,
              // named so the audit's redaction keeps the list: it holds names, not values
              sealedFieldsChanged: secretsChanged(patch.settings),
            }
          : {}),
      },
      clientAddress,
    },
    async () => {
      const row = await findChannel(channelId);
      if (patch.name !== undefined) await requireUniqueChannelName(patch.name, channelId);
      const data: Prisma.AlertChannelUpdateInput = {};
      if (patch.name !== undefined) data.name = patch.name;
      if (patch.enabled !== undefined) data.enabled = patch.enabled;
      if (patch.settings) {
        const settings = mergeChannelSecrets(
          {
            type: row.type,
            config: row.config as Record<string, unknown>,
            secrets: openChannelSecrets(row),
          },
          patch.settings,
        );
        requireSendable(settings);
        const { config, secrets } = splitSettings(settings);
        data.type = settings.type;
        data.config = config as Prisma.InputJsonObject;
        data.secretSealed = Object.keys(secrets).length
          ? sealSecret(JSON.stringify(secrets), channelSecretContext(channelId))
          : null;
      }
      const updated = await db.alertChannel.update({
        where: { id: channelId },
        data,
        include: channelViewInclude,
      });
      return toAlertChannelView(updated);
    },
  );
}

/** The secret fields the change sets or removes (their names, never their values). */
function secretsChanged(settings: AlertChannelSettings): string[] {
  const fields = settings as Record<string, unknown>;
  return ALERT_CHANNEL_SECRETS[settings.type].filter((name) => fields[name] !== undefined);
}
