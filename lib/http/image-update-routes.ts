import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import { trackCall } from "@/lib/services/calls/track-call";
import { checkImageUpdates } from "@/lib/services/image-updates/check-image-updates";
import { createAutoUpdatePolicy } from "@/lib/services/image-updates/create-auto-update-policy";
import { deleteAutoUpdatePolicy } from "@/lib/services/image-updates/delete-auto-update-policy";
import { listAutoUpdatePolicies } from "@/lib/services/image-updates/list-auto-update-policies";
import { listImageUpdates } from "@/lib/services/image-updates/list-image-updates";
import { updateAutoUpdatePolicy } from "@/lib/services/image-updates/update-auto-update-policy";
import { updateContainer } from "@/lib/services/image-updates/update-container";
import { clientAddress, jsonBody } from "./respond";
import { sharedRoutes } from "./shared-routes";

/*
 * The image update routes, once for the browser (session cookie) and once for /api/v1 (API
 * token): the handlers below are shared, the route files only choose the wrapper.
 */

type Params = { hostId: string; containerId: string; policyId: string };
const { browserRoute, apiRoute, route } = sharedRoutes<Params>();
export { browserRoute, apiRoute };

const queryOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** A JSON object body (an empty body is an empty object). */
async function objectBody(request: Request): Promise<Record<string, unknown>> {
  const body = (await jsonBody(request)) ?? {};
  if (typeof body !== "object" || Array.isArray(body))
    throw new BerthError("BAD_REQUEST", "The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

export const imageUpdateRoutes = {
  /** GET /image-updates: the last checks' answers on every host (or ?hostId=). */
  list: route<never>(async (user, request) =>
    NextResponse.json(await listImageUpdates(user, queryOf(request))),
  ),

  /** POST /image-updates/check: ask the registries now. */
  check: route<never>(async (user, request) =>
    NextResponse.json(
      await checkImageUpdates(user, await objectBody(request), clientAddress(request)),
    ),
  ),

  /** POST /hosts/{hostId}/containers/{containerId}/update: pull and recreate, or roll back. */
  updateContainer: route<"hostId" | "containerId">(async (user, request, p) => {
    const body = await objectBody(request);
    const call = trackCall(user.id, body.callId);
    try {
      return NextResponse.json(
        await updateContainer(user, p.hostId, p.containerId, body, {
          onProgress: call.onProgress,
          clientAddress: clientAddress(request),
        }),
      );
    } finally {
      call.release();
    }
  }),

  /** GET /auto-updates: the auto-update policies (or ?hostId=). */
  listPolicies: route<never>(async (user, request) =>
    NextResponse.json(await listAutoUpdatePolicies(user, queryOf(request))),
  ),

  /** POST /auto-updates: a new policy. */
  createPolicy: route<never>(async (user, request) =>
    NextResponse.json(
      await createAutoUpdatePolicy(user, await objectBody(request), clientAddress(request)),
      { status: 201 },
    ),
  ),

  /** PATCH /auto-updates/{policyId}: schedule, on or off. */
  updatePolicy: route<"policyId">(async (user, request, { policyId }) =>
    NextResponse.json(
      await updateAutoUpdatePolicy(
        user,
        policyId,
        await objectBody(request),
        clientAddress(request),
      ),
    ),
  ),

  /** DELETE /auto-updates/{policyId}. */
  deletePolicy: route<"policyId">(async (user, request, { policyId }) => {
    await deleteAutoUpdatePolicy(user, policyId, clientAddress(request));
    return NextResponse.json({ ok: true });
  }),
};
