import { z } from "zod";
import {
  AlertEventQuerySchema,
  AlertEventViewSchema,
  AlertPreferencesInputSchema,
  AlertRuleInputSchema,
  AlertRuleKindSchema,
  AlertRulePatchSchema,
  AlertRuleViewSchema,
  AlertSeveritySchema,
  AlertSilenceInputSchema,
  WireErrorSchema,
} from "@/lib/protocol";
import type { AlertPreferenceRow } from "@/lib/services/alerts/get-alert-preferences";
import type { AlertEventPage } from "@/lib/services/alerts/list-alert-events";
import type { AlertRuleList } from "@/lib/services/alerts/list-alert-rules";
import type { OpenApiKit } from "./openapi-volumes";

const AlertRuleListSchema = z.object({
  rules: z.array(AlertRuleViewSchema),
  canCreate: z.boolean().describe("the caller may make rules (admin, or HOST_ADMIN somewhere)"),
});
const AlertEventPageSchema = z.object({
  events: z.array(AlertEventViewSchema),
  nextCursor: z.string().nullable().describe("pass as cursor for the next page; null on the last"),
  firing: z
    .number()
    .int()
    .describe("alerts firing now that the caller can see, whatever the filters"),
});
const AlertPreferenceRowSchema = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  severity: AlertSeveritySchema,
  kind: AlertRuleKindSchema,
  inApp: z.boolean(),
  email: z.boolean(),
  emailAvailable: z.boolean().describe("the rule has an enabled email channel"),
});

// The schemas above must describe what the services really return.
type Describes<S extends z.ZodType, T> = T extends z.infer<S> ? true : never;
const described: [
  Describes<typeof AlertRuleListSchema, AlertRuleList>,
  Describes<typeof AlertEventPageSchema, AlertEventPage>,
  Describes<typeof AlertPreferenceRowSchema, AlertPreferenceRow>,
] = [true, true, true];
void described;

const RULE = {
  name: "ruleId",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "A rule id from GET /alerts/rules.",
};
const EVENT = {
  name: "eventId",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "An alert id from GET /alerts/events.",
};

const MANAGE =
  "Administrators over any hosts (no hosts and no groups: every host); others need HOST_ADMIN (alert.manage) on every host the scope names and, for each group, on every member host (an empty group: on the group itself), and may not leave the scope empty.";

/** The alert rule, alert and preference operations of /api/v1. */
export function alertPaths(kit: OpenApiKit) {
  const { schema, json, queryParameters, errors } = kit;
  const failed = (description: string) => json(z.object({ error: WireErrorSchema }), description);
  const jsonBody = (s: z.ZodType) => ({
    required: true,
    content: { "application/json": { schema: schema(s, "input") } },
  });
  const invalid = failed(
    "Not valid; error.field names the field (condition.pattern, scope.hostIds, channelIds…).",
  );
  const rule = json(AlertRuleViewSchema, "The rule.");
  const event = json(AlertEventViewSchema, "The alert.");
  return {
    "/alerts/rules": {
      get: {
        summary: "Alert rules the caller can read",
        description:
          "Every signed-in user: administrators see every rule, others the rules covering a host they can read (a rule for every host is read by everyone). firing counts alerts on hosts the caller can see; canManage says whether the caller may change the rule; channels are listed to those who may make rules.",
        operationId: "listAlertRules",
        responses: { "200": json(AlertRuleListSchema, "Rules, by name."), ...errors },
      },
      post: {
        summary: "Make an alert rule",
        description: `${MANAGE} Hosts, groups and channels that do not exist or that the caller cannot see answer 404 with error.field. The rule is evaluated by the server from what the agents already send.`,
        operationId: "createAlertRule",
        requestBody: jsonBody(AlertRuleInputSchema),
        responses: { "201": rule, "400": invalid, ...errors },
      },
    },
    "/alerts/rules/{ruleId}": {
      get: {
        summary: "One alert rule",
        description: "Anyone who can read the rule (see GET /alerts/rules).",
        operationId: "getAlertRule",
        parameters: [RULE],
        responses: { "200": rule, ...errors },
      },
      patch: {
        summary: "Change an alert rule",
        description: `The fields sent change, the others stay. The caller must be allowed to manage the rule as it is and as it will be: ${MANAGE}`,
        operationId: "updateAlertRule",
        parameters: [RULE],
        requestBody: jsonBody(AlertRulePatchSchema),
        responses: { "200": rule, "400": invalid, ...errors },
      },
      delete: {
        summary: "Delete an alert rule with its alert history",
        description: MANAGE,
        operationId: "deleteAlertRule",
        parameters: [RULE],
        responses: { "200": json(z.object({ ok: z.literal(true) }), "Deleted."), ...errors },
      },
    },
    "/alerts/rules/{ruleId}/silence": {
      post: {
        summary: "Silence a rule for a while",
        description: `No notification of the rule until then; it keeps evaluating and its alerts are recorded as silenced. Who and until when are kept and audited. ${MANAGE}`,
        operationId: "silenceAlertRule",
        parameters: [RULE],
        requestBody: jsonBody(AlertSilenceInputSchema),
        responses: { "200": rule, "400": invalid, ...errors },
      },
      delete: {
        summary: "End a rule's silence",
        description: MANAGE,
        operationId: "unsilenceAlertRule",
        parameters: [RULE],
        responses: { "200": rule, ...errors },
      },
    },
    "/alerts/events": {
      get: {
        summary: "What fired: alerts the caller can see, newest first",
        description:
          "VIEWER of the alert's host (alerts without a host: administrators). Filters by state, host, rule, severity and text (message, rule, host or container name); pages by cursor (the last id of the previous page).",
        operationId: "listAlertEvents",
        parameters: queryParameters(AlertEventQuerySchema),
        responses: {
          "200": json(AlertEventPageSchema, "A page of alerts."),
          "400": invalid,
          ...errors,
        },
      },
    },
    "/alerts/events/{eventId}": {
      get: {
        summary: "One alert, with its deliveries counted by status",
        description:
          "VIEWER of its host. The deliveries themselves are in GET /alerts/deliveries?eventId=….",
        operationId: "getAlertEvent",
        parameters: [EVENT],
        responses: { "200": event, ...errors },
      },
    },
    "/alerts/events/{eventId}/silence": {
      post: {
        summary: "Silence one alert for a while",
        description:
          "HOST_ADMIN (alert.manage) on its host; alerts without a host: administrators. No notification for the same rule and subject until then (its resolution and firings again included). Who and until when are kept; the reason goes to the audit log.",
        operationId: "silenceAlertEvent",
        parameters: [EVENT],
        requestBody: jsonBody(AlertSilenceInputSchema),
        responses: { "200": event, "400": invalid, ...errors },
      },
      delete: {
        summary: "End one alert's silence",
        description: "HOST_ADMIN (alert.manage) on its host.",
        operationId: "unsilenceAlertEvent",
        parameters: [EVENT],
        responses: { "200": event, ...errors },
      },
    },
    "/alerts/preferences": {
      get: {
        summary: "Which rules reach the caller, in the app and by email",
        description:
          "Every rule the caller can read; without a saved choice a rule reaches them in the app and not by email. Email goes through the rule's email channel to the caller's address (emailAvailable: the rule has an enabled one).",
        operationId: "getAlertPreferences",
        responses: {
          "200": json(z.object({ rules: z.array(AlertPreferenceRowSchema) }), "Preferences."),
          ...errors,
        },
      },
      put: {
        summary: "Replace the caller's preferences",
        description:
          "Rules left out go back to the defaults. A rule the caller cannot read answers 404 with error.field preferences.",
        operationId: "updateAlertPreferences",
        requestBody: jsonBody(AlertPreferencesInputSchema),
        responses: {
          "200": json(z.object({ rules: z.array(AlertPreferenceRowSchema) }), "As saved."),
          "400": invalid,
          ...errors,
        },
      },
    },
  };
}
