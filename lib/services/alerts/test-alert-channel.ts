import { z } from "zod";
import { AlertChannelSettingsSchema } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { buildTestNotification } from "@/lib/alerts/channels/build-notification";
import { sendAlertNotification } from "@/lib/alerts/channels/send-alert-notification";
import type { SendResult } from "@/lib/alerts/channels/send-result";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { findChannel, openChannelSecrets, openChannelSettings } from "./alert-channel-view";
import { mergeChannelSecrets, requireSendable } from "./channel-settings";
import { requireAlertsManage } from "./require-alerts-manage";

/** "Send a test" from the form: settings not saved yet, secrets left empty taken from `channelId`. */
export const AlertChannelTestInputSchema = z.object({
  name: z.string().trim().max(100).optional(),
  settings: AlertChannelSettingsSchema,
  channelId: z.string().min(1).max(64).optional(),
});

export type AlertChannelTestResult = SendResult & {
  /** the outcome in words, for the form */
  message: string;
  /** the delivery recorded in the log (a saved channel's test), else null */
  deliveryId: string | null;
};

/** Sends a test notification through a saved channel at once, and records it in the delivery log. */
export async function testAlertChannel(
  user: SessionUser,
  channelId: string,
  clientAddress?: string,
): Promise<AlertChannelTestResult> {
  const audit = { actor: user, action: "alert.channel.test", target: channelId, clientAddress };
  await requireAlertsManage(user, audit);
  const row = await findChannel(channelId);
  const settings = openChannelSettings(row);
  const attemptAt = new Date();
  const result = await sendAlertNotification(settings, buildTestNotification(row.name));
  const deliveryId = await recordTestDelivery(channelId, attemptAt, result);
  await recordOutcome(audit, settings.type, result);
  return { ...result, message: describeOutcome(result), deliveryId };
}

/**
 * Sends a test with the form's settings before they are saved. Editing a channel, the test is
 * recorded in its delivery log; a channel not saved yet has no log (the audit log has it).
 */
export async function testUnsavedAlertChannel(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<AlertChannelTestResult> {
  const audit = { actor: user, action: "alert.channel.test", target: null, clientAddress };
  await requireAlertsManage(user, audit);
  const data = AlertChannelTestInputSchema.parse(input);
  let stored = null;
  if (data.channelId) {
    const row = await findChannel(data.channelId);
    stored = {
      type: row.type,
      config: row.config as Record<string, unknown>,
      secrets: openChannelSecrets(row),
    };
  }
  const settings = mergeChannelSecrets(stored, data.settings);
  requireSendable(settings);
  const attemptAt = new Date();
  const result = await sendAlertNotification(
    settings,
    buildTestNotification(data.name || "(not saved yet)"),
  );
  const deliveryId = data.channelId
    ? await recordTestDelivery(data.channelId, attemptAt, result)
    : null;
  await recordOutcome(
    { ...audit, target: data.channelId ?? data.name ?? null },
    settings.type,
    result,
  );
  return { ...result, message: describeOutcome(result), deliveryId };
}

/** A test's one attempt in the delivery log: done at once, never retried by itself. */
async function recordTestDelivery(
  channelId: string,
  attemptAt: Date,
  result: SendResult,
): Promise<string> {
  const delivery = await db.alertDelivery.create({
    data: {
      channelId,
      trigger: "test",
      status: result.ok ? "sent" : "failed",
      attempts: 1,
      nextAttemptAt: attemptAt,
      lastAttemptAt: attemptAt,
      responseCode: result.code,
      response: result.response,
      sentAt: result.ok ? new Date() : null,
    },
  });
  return delivery.id;
}

async function recordOutcome(
  audit: { actor: SessionUser; action: string; target: string | null; clientAddress?: string },
  type: string,
  result: SendResult,
): Promise<void> {
  await recordAudit({
    ...audit,
    params: { type, code: result.code },
    outcome: result.ok ? "SUCCESS" : "FAILURE",
    error: result.ok ? null : result.response,
  });
}

function describeOutcome(result: SendResult): string {
  if (result.ok)
    return `Sent. The receiver answered${result.code !== null ? ` ${result.code}` : ""}: ${result.response}`;
  return `Not sent${result.code !== null ? ` (${result.code})` : ""}: ${result.response}`;
}
