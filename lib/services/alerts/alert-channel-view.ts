import { z } from "zod";
import {
  ALERT_CHANNEL_SECRETS,
  AlertChannelSettingsSchema,
  AlertChannelTypeSchema,
  BerthError,
  type AlertChannelSettings,
  type AlertChannelType,
  type AlertChannelView,
  type AlertDeliveryStatus,
} from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import { openSecret } from "@/lib/server/secret-box";

/** The context a channel's secrets are sealed under: a sealed value moved to another row fails. */
export const channelSecretContext = (channelId: string) => `alert-channel:${channelId}`;

/** What everyone who may make a rule sees of a channel (for the rule form). */
export const AlertChannelSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: AlertChannelTypeSchema,
  enabled: z.boolean(),
});
export type AlertChannelSummary = z.infer<typeof AlertChannelSummarySchema>;

type ChannelRow = {
  id: string;
  name: string;
  type: AlertChannelType;
  enabled: boolean;
  config: Prisma.JsonValue;
  secretSealed: string | null;
};

/** Loads a row with what the view needs: its rule count and its last delivery. */
export const channelViewInclude = {
  _count: { select: { rules: true } },
  deliveries: {
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { status: true, createdAt: true, lastAttemptAt: true, response: true },
  },
} satisfies Prisma.AlertChannelInclude;

type ViewRow = ChannelRow & {
  _count: { rules: number };
  deliveries: Array<{
    status: AlertDeliveryStatus;
    createdAt: Date;
    lastAttemptAt: Date | null;
    response: string | null;
  }>;
};

/** Splits settings into the stored config (no type, no secrets) and the secret fields that are set. */
export function splitSettings(settings: AlertChannelSettings): {
  config: Record<string, unknown>;
  secrets: Record<string, string>;
} {
  const secretNames = ALERT_CHANNEL_SECRETS[settings.type];
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key === "type" || value === undefined) continue;
    if (secretNames.includes(key)) {
      if (typeof value === "string" && value !== "") secrets[key] = value;
    } else config[key] = value;
  }
  return { config, secrets };
}

/** The stored secrets of a channel (an empty object when none are set). */
export function openChannelSecrets(row: ChannelRow): Record<string, string> {
  if (!row.secretSealed) return {};
  return JSON.parse(openSecret(row.secretSealed, channelSecretContext(row.id))) as Record<
    string,
    string
  >;
}

/** The channel's whole settings, secrets included: for sending only. */
export function openChannelSettings(row: ChannelRow): AlertChannelSettings {
  return AlertChannelSettingsSchema.parse({
    ...(row.config as Record<string, unknown>),
    ...openChannelSecrets(row),
    type: row.type,
  });
}

/** Which secret fields a row holds, without opening them (the names are sealed with the values). */
function secretsSet(row: ChannelRow): string[] {
  if (!row.secretSealed) return [];
  try {
    return Object.keys(openChannelSecrets(row)).sort();
  } catch {
    return [];
  }
}

/** The administrators' view: settings without secrets, which secrets are set, the last delivery. */
export function toAlertChannelView(row: ViewRow): AlertChannelView {
  const last = row.deliveries[0];
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    enabled: row.enabled,
    settings: { ...(row.config as Record<string, unknown>) },
    secretsSet: secretsSet(row),
    rules: row._count.rules,
    lastDelivery: last
      ? {
          status: last.status,
          at: (last.lastAttemptAt ?? last.createdAt).toISOString(),
          response: last.response,
        }
      : null,
  };
}

export function toAlertChannelSummary(row: ChannelRow): AlertChannelSummary {
  return { id: row.id, name: row.name, type: row.type, enabled: row.enabled };
}

/** The channel row, or NOT_FOUND. */
export async function findChannel(channelId: string) {
  const row = await db.alertChannel.findUnique({ where: { id: channelId } });
  if (!row) throw new BerthError("NOT_FOUND", "No such alert channel.");
  return row;
}

export async function requireUniqueChannelName(name: string, exceptId?: string): Promise<void> {
  const clash = await db.alertChannel.findFirst({
    where: { name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new BerthError("CONFLICT", "A channel of that name exists.", "name");
}
