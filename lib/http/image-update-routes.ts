import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import type { SessionUser } from "@/lib/auth/session-user";
import { trackCall } from "@/lib/services/calls/track-call";
import { checkImageUpdates } from "@/lib/services/image-updates/check-image-updates";
import { createAutoUpdatePolicy } from "@/lib/services/image-updates/create-auto-update-policy";
import { deleteAutoUpdatePolicy } from "@/lib/services/image-updates/delete-auto-update-policy";
import { listAutoUpdatePolicies } from "@/lib/services/image-updates/list-auto-update-policies";
import { listImageUpdates } from "@/lib/services/image-updates/list-image-updates";
import { updateAutoUpdatePolicy } from "@/lib/services/image-updates/update-auto-update-policy";
import { updateContainer } from "@/lib/services/image-updates/update-container";
import { v1 } from "./api-v1";
import { clientAddress, errorResponse, jsonBody } from "./respond";

/*
 * The image update routes, once for the browser (session cookie) and once for /api/v1 (API
 * token): the handlers below are shared, the route files only choose the wrapper.
 */

type Params = { hostId: string; containerId: string; policyId: string };
type Handler<K extends keyof Params> = (
  user: SessionUser,
  request: Request,
  params: Pick<Params, K>,
) => Promise<Response>;
type Ctx<K extends keyof Params> = { params: Promise<Pick<Params, K>> };

/** For the browser: the session's user. */
export function browserRoute<K extends keyof Params>(handler: Handler<K>) {
  return async (request: Request, ctx: Ctx<K>): Promise<Response> => {
    try {
      return await handler(await requireApiUser(), request, await ctx.params);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** For /api/v1: the API token's owner. */
export function apiRoute<K extends keyof Params>(handler: Handler<K>) {
  return v1<Ctx<K>>(async (user, request, ctx) => handler(user, request, await ctx.params));
}

const route = <K extends keyof Params>(handler: Handler<K>) => handler;

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
