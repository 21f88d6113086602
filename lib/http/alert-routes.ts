import { NextResponse } from "next/server";
import { createAlertRule } from "@/lib/services/alerts/create-alert-rule";
import { deleteAlertRule } from "@/lib/services/alerts/delete-alert-rule";
import { getAlertEvent } from "@/lib/services/alerts/get-alert-event";
import { getAlertPreferences } from "@/lib/services/alerts/get-alert-preferences";
import { getAlertRule } from "@/lib/services/alerts/get-alert-rule";
import { listAlertEvents } from "@/lib/services/alerts/list-alert-events";
import { listAlertRules } from "@/lib/services/alerts/list-alert-rules";
import { silenceAlertEvent } from "@/lib/services/alerts/silence-alert-event";
import { silenceAlertRule } from "@/lib/services/alerts/silence-alert-rule";
import { unsilenceAlertEvent } from "@/lib/services/alerts/unsilence-alert-event";
import { unsilenceAlertRule } from "@/lib/services/alerts/unsilence-alert-rule";
import { updateAlertPreferences } from "@/lib/services/alerts/update-alert-preferences";
import { updateAlertRule } from "@/lib/services/alerts/update-alert-rule";
import { clientAddress, jsonBody } from "./respond";
import { sharedRoutes } from "./shared-routes";

/*
 * The alert rule, alert and preference routes, once for the browser (session cookie) and once
 * for /api/v1 (API token): the handlers below are shared, the route files only choose the wrapper.
 */

type Params = { ruleId: string; eventId: string };
const { browserRoute, apiRoute, route } = sharedRoutes<Params>();
export { browserRoute, apiRoute };
const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

export const alertRoutes = {
  /** GET /alerts/rules */
  listRules: route<never>(async (user) => NextResponse.json(await listAlertRules(user))),
  /** POST /alerts/rules */
  createRule: route<never>(async (user, request) =>
    NextResponse.json(
      await createAlertRule(user, await jsonBody(request), clientAddress(request)),
      { status: 201 },
    ),
  ),
  /** GET /alerts/rules/{ruleId} */
  getRule: route<"ruleId">(async (user, _request, { ruleId }) =>
    NextResponse.json(await getAlertRule(user, ruleId)),
  ),
  /** PATCH /alerts/rules/{ruleId} */
  updateRule: route<"ruleId">(async (user, request, { ruleId }) =>
    NextResponse.json(
      await updateAlertRule(user, ruleId, await jsonBody(request), clientAddress(request)),
    ),
  ),
  /** DELETE /alerts/rules/{ruleId} */
  deleteRule: route<"ruleId">(async (user, request, { ruleId }) => {
    await deleteAlertRule(user, ruleId, clientAddress(request));
    return NextResponse.json({ ok: true });
  }),
  /** POST /alerts/rules/{ruleId}/silence */
  silenceRule: route<"ruleId">(async (user, request, { ruleId }) =>
    NextResponse.json(
      await silenceAlertRule(user, ruleId, await jsonBody(request), clientAddress(request)),
    ),
  ),
  /** DELETE /alerts/rules/{ruleId}/silence */
  unsilenceRule: route<"ruleId">(async (user, request, { ruleId }) =>
    NextResponse.json(await unsilenceAlertRule(user, ruleId, clientAddress(request))),
  ),
  /** GET /alerts/events */
  listEvents: route<never>(async (user, request) =>
    NextResponse.json(await listAlertEvents(user, query(request))),
  ),
  /** GET /alerts/events/{eventId} */
  getEvent: route<"eventId">(async (user, _request, { eventId }) =>
    NextResponse.json(await getAlertEvent(user, eventId)),
  ),
  /** POST /alerts/events/{eventId}/silence */
  silenceEvent: route<"eventId">(async (user, request, { eventId }) =>
    NextResponse.json(
      await silenceAlertEvent(user, eventId, await jsonBody(request), clientAddress(request)),
    ),
  ),
  /** DELETE /alerts/events/{eventId}/silence */
  unsilenceEvent: route<"eventId">(async (user, request, { eventId }) =>
    NextResponse.json(await unsilenceAlertEvent(user, eventId, clientAddress(request))),
  ),
  /** GET /alerts/preferences */
  getPreferences: route<never>(async (user) => NextResponse.json(await getAlertPreferences(user))),
  /** PUT /alerts/preferences */
  updatePreferences: route<never>(async (user, request) =>
    NextResponse.json(
      await updateAlertPreferences(user, await jsonBody(request), clientAddress(request)),
    ),
  ),
};
