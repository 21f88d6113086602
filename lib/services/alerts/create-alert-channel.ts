import { randomUUID } from "node:crypto";
import { AlertChannelInputSchema, type AlertChannelView } from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { sealSecret } from "@/lib/server/secret-box";
import { audited } from "@/lib/services/audit/audited";
import {
  channelSecretContext,
  channelViewInclude,
  requireUniqueChannelName,
  splitSettings,
  toAlertChannelView,
} from "./alert-channel-view";
import { mergeChannelSecrets, requireSendable } from "./channel-settings";
import { requireAlertsManage } from "./require-alerts-manage";

/** Adds a notification channel (administrators); its secrets are sealed at rest. */
export async function createAlertChannel(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<AlertChannelView> {
  await requireAlertsManage(user, { action: "alert.channel.create", target: null, clientAddress });
  const data = AlertChannelInputSchema.parse(input);
  const settings = mergeChannelSecrets(null, data.settings);
  const { config, secrets } = splitSettings(settings);
  return audited(
    {
      actor: user,
      action: "alert.channel.create",
      target: data.name,
      params: {
        name: data.name,
        type: settings.type,
        enabled: data.enabled,
        settings: config as Prisma.InputJsonObject,
        // named so the audit's redaction keeps the list: it holds names, not values
        sealedFields: Object.keys(secrets),
      },
      clientAddress,
    },
    async () => {
      requireSendable(settings);
      await requireUniqueChannelName(data.name);
      const id = randomUUID();
      const row = await db.alertChannel.create({
        data: {
          id,
          name: data.name,
          type: settings.type,
          enabled: data.enabled,
          config: config as Prisma.InputJsonObject,
          secretSealed: Object.keys(secrets).length
            ? sealSecret(JSON.stringify(secrets), channelSecretContext(id))
            : null,
          createdById: user.id,
        },
        include: channelViewInclude,
      });
      return toAlertChannelView(row);
    },
  );
}
