import { z } from "zod";
import {
  ALERT_DELIVERY_BACKOFF_S,
  AlertChannelInputSchema,
  AlertChannelPatchSchema,
  AlertChannelViewSchema,
  WireErrorSchema,
} from "@/lib/protocol";
import { AlertChannelSummarySchema } from "@/lib/services/alerts/alert-channel-view";
import type { AlertChannelList } from "@/lib/services/alerts/list-alert-channels";
import {
  AlertDeliveryPageSchema,
  AlertDeliveryQuerySchema,
} from "@/lib/services/alerts/list-alert-deliveries";
import {
  AlertChannelTestInputSchema,
  type AlertChannelTestResult,
} from "@/lib/services/alerts/test-alert-channel";
import type { OpenApiKit } from "./openapi-volumes";

const AlertChannelListSchema = z.union([
  z.object({ canManage: z.literal(true), channels: z.array(AlertChannelViewSchema) }),
  z.object({ canManage: z.literal(false), channels: z.array(AlertChannelSummarySchema) }),
]);
const AlertChannelTestResultSchema = z.object({
  ok: z.boolean(),
  code: z.number().int().nullable().describe("HTTP status or SMTP reply code; null: no answer"),
  response: z.string().describe("the receiver's answer or the error (1 KiB, secrets scrubbed)"),
  message: z.string().describe("the outcome in words"),
  deliveryId: z.string().nullable().describe("the delivery log row (saved channels only)"),
});

// The schemas above must describe what the services really return.
type Describes<S extends z.ZodType, T> = T extends z.infer<S> ? true : never;
const described: [
  Describes<typeof AlertChannelListSchema, AlertChannelList>,
  Describes<typeof AlertChannelTestResultSchema, AlertChannelTestResult>,
] = [true, true];
void described;

const CHANNEL = {
  name: "channelId",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "A channel's id from GET /alerts/channels.",
};
const DELIVERY = {
  name: "deliveryId",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "A delivery's id from GET /alerts/deliveries.",
};

/** The alert channel and delivery operations of /api/v1, from the schemas the services validate with. */
export function alertChannelPaths(kit: OpenApiKit) {
  const { schema, json, queryParameters, errors } = kit;
  const failed = (description: string) => json(z.object({ error: WireErrorSchema }), description);
  const jsonBody = (s: z.ZodType) => ({
    required: true,
    content: { "application/json": { schema: schema(s, "input") } },
  });
  const secrets =
    "Secret fields (the webhook's HMAC key, the Slack and Discord URLs, the ntfy token, the SMTP password) are write-only: they are sealed at rest, never returned (secretsSet names those set) and scrubbed from delivery responses and audit rows.";
  const outbound =
    "The server itself makes these requests (http and https only, redirects not followed, 10 s timeout): point channels only at receivers it should reach.";
  const tested = json(
    AlertChannelTestResultSchema,
    "How the test went, in words (ok false when it failed).",
  );
  return {
    "/alerts/channels": {
      get: {
        summary: "Notification channels",
        description:
          "Administrators get every channel with its settings (canManage true); users holding alert.manage on some host get names and types only, for the rule form; others 403.",
        operationId: "listAlertChannels",
        responses: { "200": json(AlertChannelListSchema, "The channels."), ...errors },
      },
      post: {
        summary: "Add a notification channel",
        description: `Administrators. Types: webhook (a JSON body { trigger: fired|resolved|test, event: { id, rule, kind, severity, host, container, message, firedAt, resolvedAt }, url }, signed with X-Berth-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)> and X-Berth-Timestamp when a secret is set), slack, discord, ntfy and email (SMTP). ${secrets} ${outbound}`,
        operationId: "createAlertChannel",
        requestBody: jsonBody(AlertChannelInputSchema),
        responses: {
          "201": json(AlertChannelViewSchema, "Added."),
          "400": failed("Not valid; error.field names the field."),
          "409": failed("A channel of that name exists."),
          ...errors,
        },
      },
    },
    "/alerts/channels/test": {
      post: {
        summary: "Send a test with settings not saved yet",
        description: `Administrators. Sends a test notification at once and answers how it went; nothing is saved. With channelId, secrets left out are the stored ones of that channel (not when the type, the ntfy server or the SMTP host changed). ${outbound}`,
        operationId: "testUnsavedAlertChannel",
        requestBody: jsonBody(AlertChannelTestInputSchema),
        responses: { "200": tested, "400": failed("Not valid."), ...errors },
      },
    },
    "/alerts/channels/{channelId}": {
      get: {
        summary: "One channel's settings, without secrets",
        description: "Administrators.",
        operationId: "getAlertChannel",
        parameters: [CHANNEL],
        responses: { "200": json(AlertChannelViewSchema, "The channel."), ...errors },
      },
      patch: {
        summary: "Change a channel",
        description: `Administrators. Settings come whole. A secret left out keeps the stored one, an empty string removes it; a new type, a new ntfy server or a new SMTP host needs its secrets again. ${secrets}`,
        operationId: "updateAlertChannel",
        parameters: [CHANNEL],
        requestBody: jsonBody(AlertChannelPatchSchema),
        responses: {
          "200": json(AlertChannelViewSchema, "The channel as saved."),
          "400": failed("Not valid; error.field names the field."),
          "409": failed("A channel of that name exists."),
          ...errors,
        },
      },
      delete: {
        summary: "Remove a channel",
        description: "Administrators. Rules stop sending to it; its delivery log goes with it.",
        operationId: "deleteAlertChannel",
        parameters: [CHANNEL],
        responses: { "200": json(z.object({ ok: z.literal(true) }), "Removed."), ...errors },
      },
    },
    "/alerts/channels/{channelId}/test": {
      post: {
        summary: "Send a test through a saved channel",
        description:
          "Administrators. Sends at once (no retries) and records a delivery with trigger test.",
        operationId: "testAlertChannel",
        parameters: [CHANNEL],
        responses: { "200": tested, ...errors },
      },
    },
    "/alerts/deliveries": {
      get: {
        summary: "The delivery log, newest first",
        description: `Administrators see every delivery; others the deliveries of alerts on hosts they can read (no tests, no other users' personal emails). A failed attempt is retried after ${ALERT_DELIVERY_BACKOFF_S.join(", ")} seconds, then the delivery is failed. Page with cursor = the previous page's nextCursor.`,
        operationId: "listAlertDeliveries",
        parameters: queryParameters(AlertDeliveryQuerySchema),
        responses: { "200": json(AlertDeliveryPageSchema, "A page of deliveries."), ...errors },
      },
    },
    "/alerts/deliveries/{deliveryId}/retry": {
      post: {
        summary: "Send a failed delivery again",
        description: "Administrators. The delivery is pending at once and gets one more attempt.",
        operationId: "retryAlertDelivery",
        parameters: [DELIVERY],
        responses: {
          "200": json(z.object({ ok: z.literal(true) }), "Queued."),
          "409": failed("The delivery has not failed."),
          ...errors,
        },
      },
    },
  };
}
