import { z } from "zod";
import { EmailSchema } from "./users";

/**
 * Alerts: rules over what agents already stream (host samples, container changes and events,
 * log streams, host connections, image update checks), channels they notify, and what fired.
 */

export const AlertRuleKindSchema = z.enum([
  "host_metric",
  "host_offline",
  "container_exit",
  "container_oom",
  "container_unhealthy",
  "container_restarts",
  "log_pattern",
  "image_update",
]);
export type AlertRuleKind = z.infer<typeof AlertRuleKindSchema>;

export const AlertSeveritySchema = z.enum(["info", "warning", "critical"]);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

/** Host metrics a rule can watch; memory and disk as a share of their totals. */
export const AlertHostMetricSchema = z.enum([
  "cpuPercent",
  "memPercent",
  "diskPercent",
  "load1",
  "load5",
  "load15",
  "netRxBytesPerSec",
  "netTxBytesPerSec",
]);
export type AlertHostMetric = z.infer<typeof AlertHostMetricSchema>;

/** Each watchable host metric's name and unit, for rule forms and alert messages alike. */
export const ALERT_HOST_METRICS: Record<
  AlertHostMetric,
  { label: string; unit: "percent" | "load" | "bytesPerSecond" }
> = {
  cpuPercent: { label: "CPU", unit: "percent" },
  memPercent: { label: "Memory", unit: "percent" },
  diskPercent: { label: "Disk", unit: "percent" },
  load1: { label: "Load (1 min)", unit: "load" },
  load5: { label: "Load (5 min)", unit: "load" },
  load15: { label: "Load (15 min)", unit: "load" },
  netRxBytesPerSec: { label: "Network in", unit: "bytesPerSecond" },
  netTxBytesPerSec: { label: "Network out", unit: "bytesPerSecond" },
};

const Seconds = (max: number) => z.number().int().min(0).max(max);

/** Longest pattern a log rule may hold; each line is matched on its first LOG_PATTERN_LINE_MAX characters. */
export const LOG_PATTERN_MAX = 500;
export const LOG_PATTERN_LINE_MAX = 4096;

/**
 * True when a group that repeats without bound holds something that repeats without bound, such
 * as `(a+)+` or `(\w*\s)*`: the shape that makes a backtracking engine take exponential time on
 * a line that almost matches. Log patterns run on the server for every line, so they are refused.
 */
export function nestsUnboundedRepetition(pattern: string): boolean {
  const groups: boolean[] = [];
  let repeatsInside = false;
  let inClass = false;
  const unboundedAt = (i: number) => {
    const c = pattern[i];
    if (c === "*" || c === "+") return true;
    if (c !== "{") return false;
    return /^\{\d*,\}/.test(pattern.slice(i));
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      if (unboundedAt(i + 1)) repeatsInside = true;
      continue;
    }
    if (inClass) {
      if (c === "]") {
        inClass = false;
        if (unboundedAt(i + 1)) repeatsInside = true;
      }
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") {
      groups.push(repeatsInside);
      repeatsInside = false;
    } else if (c === ")") {
      const inner = repeatsInside;
      repeatsInside = groups.pop() ?? false;
      if (unboundedAt(i + 1)) {
        if (inner) return true;
        repeatsInside = true;
      } else if (inner) repeatsInside = true;
    } else if (unboundedAt(i + 1)) repeatsInside = true;
  }
  return false;
}

export const AlertConditionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("host_metric"),
    metric: AlertHostMetricSchema,
    op: z.enum(["above", "below"]).default("above"),
    threshold: z.number().nonnegative(),
    /** the condition must hold this long (every sample in the window) before it fires */
    forSeconds: Seconds(86_400).default(60),
  }),
  z.object({
    kind: z.literal("host_offline"),
    /** offline this long before it fires */
    forSeconds: z.number().int().min(0).max(86_400).default(60),
  }),
  z.object({
    /** a container exited with a non-zero code on its own (not stopped or killed through the engine) */
    kind: z.literal("container_exit"),
    /** exit codes that do not fire (e.g. 143 for a service that exits on SIGTERM) */
    ignoreExitCodes: z.array(z.number().int().min(1).max(255)).max(20).default([]),
  }),
  z.object({ kind: z.literal("container_oom") }),
  z.object({
    kind: z.literal("container_unhealthy"),
    forSeconds: Seconds(86_400).default(0),
  }),
  z.object({
    kind: z.literal("container_restarts"),
    /** fires when a container starts again after dying more than `count` times within the window */
    count: z.number().int().min(1).max(1000),
    windowMinutes: z.number().int().min(1).max(1440),
  }),
  z.object({
    kind: z.literal("log_pattern"),
    /** a JavaScript regular expression, without slashes; refused when it does not compile */
    pattern: z
      .string()
      .min(1, "Enter a pattern.")
      .max(LOG_PATTERN_MAX)
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, "That is not a valid regular expression.")
      .refine(
        (p) => !nestsUnboundedRepetition(p),
        "A repeated group that itself repeats (like (a+)+) can stall the server on one line; rewrite it without the nesting.",
      ),
    ignoreCase: z.boolean().default(false),
    stream: z.enum(["any", "stdout", "stderr"]).default("any"),
    /** the alert resolves when no line matched for this long */
    quietSeconds: z.number().int().min(10).max(86_400).default(300),
  }),
  z.object({ kind: z.literal("image_update") }),
]);
export type AlertCondition = z.infer<typeof AlertConditionSchema>;

/** Which hosts and containers a rule watches. No hosts and no groups: every host (admins only). */
export const AlertScopeSchema = z.object({
  hostIds: z.array(z.string().min(1).max(64)).max(500).default([]),
  hostGroupIds: z.array(z.string().min(1).max(64)).max(100).default([]),
  /** glob over container names (`*` and `?`), e.g. `web-*`; absent: every container */
  containerNamePattern: z.string().trim().min(1).max(128).optional(),
  /** every label must match; a label without a value matches any value */
  labels: z
    .array(
      z.object({
        key: z.string().trim().min(1).max(256),
        value: z.string().max(1024).optional(),
      }),
    )
    .max(20)
    .default([]),
});
export type AlertScope = z.infer<typeof AlertScopeSchema>;

export const AlertRuleInputSchema = z.object({
  name: z.string().trim().min(1, "Name the rule.").max(100),
  enabled: z.boolean().default(true),
  severity: AlertSeveritySchema.default("warning"),
  condition: AlertConditionSchema,
  scope: AlertScopeSchema,
  channelIds: z.array(z.string().min(1).max(64)).max(20).default([]),
});
export type AlertRuleInput = z.infer<typeof AlertRuleInputSchema>;
/** A change: only the fields given (no defaults, so a patch never resets what it leaves out). */
export const AlertRulePatchSchema = z
  .object({
    name: AlertRuleInputSchema.shape.name,
    enabled: z.boolean(),
    severity: AlertSeveritySchema,
    condition: AlertConditionSchema,
    scope: AlertScopeSchema,
    channelIds: z.array(z.string().min(1).max(64)).max(20),
  })
  .partial();
export type AlertRulePatch = z.infer<typeof AlertRulePatchSchema>;

/** Silence a rule, or one alert's subject, for a while. */
export const AlertSilenceInputSchema = z.object({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30),
  reason: z.string().trim().max(500).optional(),
});
export type AlertSilenceInput = z.infer<typeof AlertSilenceInputSchema>;

export const AlertRuleViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  severity: AlertSeveritySchema,
  condition: AlertConditionSchema,
  scope: AlertScopeSchema,
  /** the scope's hosts and groups by name, for display */
  scopeNames: z.object({ hosts: z.array(z.string()), groups: z.array(z.string()) }),
  channels: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
  silencedUntil: z.string().nullable(),
  silencedBy: z.string().nullable(),
  silenceReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** alerts of this rule that are firing now (on hosts the caller can see) */
  firing: z.number().int(),
  /** the caller may change or delete it */
  canManage: z.boolean(),
});
export type AlertRuleView = z.infer<typeof AlertRuleViewSchema>;

// ---------------------------------------------------------------------------------------------
// Channels

export const AlertChannelTypeSchema = z.enum(["webhook", "slack", "discord", "ntfy", "email"]);
export type AlertChannelType = z.infer<typeof AlertChannelTypeSchema>;

const HttpUrl = z
  .string()
  .trim()
  .max(2048)
  .url("Enter a URL.")
  .refine((u) => /^https?:\/\//i.test(u), "Use an http:// or https:// URL.");

/**
 * Settings by channel type. Fields marked secret are write-only: a view never holds them; on a
 * change, an absent secret keeps the stored one and an empty string removes it.
 */
export const AlertChannelSettingsSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("webhook"),
    url: HttpUrl,
    /** secret: HMAC-SHA256 key; the body is signed in X-Berth-Signature */
    secret: z.string().max(512).optional(),
  }),
  /** secret: the incoming webhook URL itself */
  z.object({ type: z.literal("slack"), url: HttpUrl.optional() }),
  z.object({ type: z.literal("discord"), url: HttpUrl.optional() }),
  z.object({
    type: z.literal("ntfy"),
    /** e.g. https://ntfy.sh; the message is POSTed to <serverUrl>/<topic> */
    serverUrl: HttpUrl,
    topic: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "Use letters, digits, _ and - (up to 64)."),
    /** secret: an access token (Authorization: Bearer) */
    token: z.string().max(512).optional(),
  }),
  z.object({
    type: z.literal("email"),
    host: z.string().trim().min(1, "Enter the SMTP server.").max(253),
    port: z.number().int().min(1).max(65535).default(587),
    /** tls: TLS from the start (465); starttls: upgrade required; none: plain (loopback relays) */
    security: z.enum(["tls", "starttls", "none"]).default("starttls"),
    username: z.string().max(256).optional(),
    /** secret */
    password: z.string().max(512).optional(),
    from: EmailSchema,
    to: z.array(EmailSchema).min(1, "Add at least one recipient.").max(50),
  }),
]);
export type AlertChannelSettings = z.infer<typeof AlertChannelSettingsSchema>;

/** Names of the secret fields of each type. */
export const ALERT_CHANNEL_SECRETS: Record<AlertChannelType, readonly string[]> = {
  webhook: ["secret"],
  slack: ["url"],
  discord: ["url"],
  ntfy: ["token"],
  email: ["password"],
};

export const AlertChannelInputSchema = z.object({
  name: z.string().trim().min(1, "Name the channel.").max(100),
  enabled: z.boolean().default(true),
  settings: AlertChannelSettingsSchema,
});
export type AlertChannelInput = z.infer<typeof AlertChannelInputSchema>;
export const AlertChannelPatchSchema = z.object({
  name: AlertChannelInputSchema.shape.name.optional(),
  enabled: z.boolean().optional(),
  settings: AlertChannelSettingsSchema.optional(),
});
export type AlertChannelPatch = z.infer<typeof AlertChannelPatchSchema>;

export const AlertDeliveryStatusSchema = z.enum(["pending", "sent", "failed"]);
export type AlertDeliveryStatus = z.infer<typeof AlertDeliveryStatusSchema>;

export const AlertChannelViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: AlertChannelTypeSchema,
  enabled: z.boolean(),
  /** the settings without secrets */
  settings: z.record(z.string(), z.unknown()),
  /** which secret fields are set */
  secretsSet: z.array(z.string()),
  rules: z.number().int(),
  lastDelivery: z
    .object({ status: AlertDeliveryStatusSchema, at: z.string(), response: z.string().nullable() })
    .nullable(),
});
export type AlertChannelView = z.infer<typeof AlertChannelViewSchema>;

export const AlertDeliveryTriggerSchema = z.enum(["fired", "resolved", "test"]);
export type AlertDeliveryTrigger = z.infer<typeof AlertDeliveryTriggerSchema>;

export const AlertDeliveryViewSchema = z.object({
  id: z.string(),
  eventId: z.string().nullable(),
  channelId: z.string(),
  channelName: z.string(),
  channelType: AlertChannelTypeSchema,
  trigger: AlertDeliveryTriggerSchema,
  status: AlertDeliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  responseCode: z.number().int().nullable(),
  response: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type AlertDeliveryView = z.infer<typeof AlertDeliveryViewSchema>;

/** Retries after the first attempt: 10 s, 30 s, 2 min, 10 min, 30 min, then failed. */
export const ALERT_DELIVERY_BACKOFF_S = [10, 30, 120, 600, 1800] as const;

// ---------------------------------------------------------------------------------------------
// What fired

export const AlertEventViewSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: AlertRuleKindSchema,
  severity: AlertSeveritySchema,
  subject: z.string(),
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  containerName: z.string().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  firedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedMessage: z.string().nullable(),
  silenced: z.boolean(),
  silencedUntil: z.string().nullable(),
  silencedBy: z.string().nullable(),
  deliveries: z.object({
    sent: z.number().int(),
    failed: z.number().int(),
    pending: z.number().int(),
  }),
});
export type AlertEventView = z.infer<typeof AlertEventViewSchema>;

export const AlertEventQuerySchema = z.object({
  state: z.enum(["firing", "resolved", "all"]).default("all"),
  hostId: z.string().max(64).optional(),
  ruleId: z.string().max(64).optional(),
  severity: AlertSeveritySchema.optional(),
  /** text in the message, rule, host or container name */
  q: z.string().trim().max(200).optional(),
  /** the id of the last event of the previous page */
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AlertEventQuery = z.infer<typeof AlertEventQuerySchema>;

/**
 * The body a generic webhook receives (JSON), and what every other channel renders into its
 * own shape. `url` links to the alert in Berth when BERTH_PUBLIC_URL is set.
 */
export const AlertNotificationSchema = z.object({
  trigger: AlertDeliveryTriggerSchema,
  event: z.object({
    id: z.string(),
    rule: z.string(),
    kind: AlertRuleKindSchema,
    severity: AlertSeveritySchema,
    host: z.string().nullable(),
    container: z.string().nullable(),
    message: z.string(),
    firedAt: z.string(),
    resolvedAt: z.string().nullable(),
  }),
  url: z.string().nullable(),
});
export type AlertNotification = z.infer<typeof AlertNotificationSchema>;

/** Webhook signature headers: `X-Berth-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. */
export const ALERT_SIGNATURE_HEADER = "x-berth-signature";
export const ALERT_TIMESTAMP_HEADER = "x-berth-timestamp";

/** Per-user: which rules reach me in the app and by email. */
export const AlertPreferenceSchema = z.object({
  ruleId: z.string().min(1).max(64),
  inApp: z.boolean(),
  email: z.boolean(),
});
export type AlertPreference = z.infer<typeof AlertPreferenceSchema>;
export const AlertPreferencesInputSchema = z.object({
  preferences: z.array(AlertPreferenceSchema).max(1000),
});

// ---------------------------------------------------------------------------------------------
// Agent → server: container life events the alert rules read

export const ContainerLifeEventSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  action: z.enum(["start", "die", "oom", "health_status"]),
  /** die: the exit code */
  exitCode: z.number().int().optional(),
  /** die: a stop or kill went through the engine just before (a user or an orchestrator asked) */
  requested: z.boolean().optional(),
  /** health_status: the new status */
  health: z.enum(["healthy", "unhealthy", "starting"]).optional(),
  /** the container's labels, from the event's attributes */
  labels: z.record(z.string(), z.string()).default({}),
  at: z.number().int().positive(),
});
export type ContainerLifeEvent = z.infer<typeof ContainerLifeEventSchema>;

// ---------------------------------------------------------------------------------------------
// Image updates

export const ImageUpdateStatusSchema = z.enum([
  "up_to_date",
  "update_available",
  /** built or loaded here: no registry digest to compare */
  "local_only",
  /** the registry could not be asked (the reason in `error`) */
  "error",
]);
export type ImageUpdateStatus = z.infer<typeof ImageUpdateStatusSchema>;

export const ImageUpdateViewSchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  imageRef: z.string(),
  status: ImageUpdateStatusSchema,
  localDigest: z.string().nullable(),
  remoteDigest: z.string().nullable(),
  error: z.string().nullable(),
  checkedAt: z.string(),
  /** containers on that host made from this reference */
  containers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ImageUpdateView = z.infer<typeof ImageUpdateViewSchema>;

export const ImageUpdateCheckInputSchema = z.object({
  /** one host, or every host the caller may pull on */
  hostId: z.string().max(64).optional(),
});

export const ContainerUpdateInputSchema = z.object({
  /** how long to wait for a container with a healthcheck to turn healthy */
  healthTimeoutSeconds: z.number().int().min(5).max(900).default(120),
  callId: z.string().min(1).max(100).optional(),
});
export type ContainerUpdateInput = z.infer<typeof ContainerUpdateInputSchema>;

export const ContainerUpdateResultSchema = z.object({
  outcome: z.enum(["updated", "up_to_date", "rolled_back"]),
  containerId: z.string(),
  name: z.string(),
  previousImageId: z.string(),
  imageId: z.string(),
  /** in words: what happened, and for a rollback why */
  message: z.string(),
});
export type ContainerUpdateResult = z.infer<typeof ContainerUpdateResultSchema>;

export const AutoUpdatePolicyInputSchema = z
  .object({
    hostId: z.string().min(1).max(64),
    containerName: z.string().trim().min(1).max(128).optional(),
    labelKey: z.string().trim().min(1).max(256).optional(),
    labelValue: z.string().max(1024).optional(),
    /** croner syntax, in the server's time zone */
    cron: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
  })
  .refine((p) => (p.containerName === undefined) !== (p.labelKey === undefined), {
    message: "Choose one container by name or a label.",
    path: ["containerName"],
  });
export type AutoUpdatePolicyInput = z.infer<typeof AutoUpdatePolicyInputSchema>;

export const AutoUpdatePolicyViewSchema = z.object({
  id: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  containerName: z.string().nullable(),
  labelKey: z.string().nullable(),
  labelValue: z.string().nullable(),
  cron: z.string(),
  enabled: z.boolean(),
  createdBy: z.string(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
  lastOutcome: z.string().nullable(),
  lastOk: z.boolean().nullable(),
});
export type AutoUpdatePolicyView = z.infer<typeof AutoUpdatePolicyViewSchema>;
