import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import { trackCall } from "@/lib/services/calls/track-call";
import { adoptStack } from "@/lib/services/stacks/adopt-stack";
import { createStack } from "@/lib/services/stacks/create-stack";
import { deployStack } from "@/lib/services/stacks/deploy-stack";
import { downStack } from "@/lib/services/stacks/down-stack";
import { getStack } from "@/lib/services/stacks/get-stack";
import { listStackTemplates } from "@/lib/services/stacks/list-stack-templates";
import { listStacks } from "@/lib/services/stacks/list-stacks";
import { performStackAction } from "@/lib/services/stacks/perform-stack-action";
import { planStack } from "@/lib/services/stacks/plan-stack";
import { receiveStackWebhook } from "@/lib/services/stacks/receive-stack-webhook";
import { regenerateStackWebhook } from "@/lib/services/stacks/regenerate-stack-webhook";
import { removeStack } from "@/lib/services/stacks/remove-stack";
import { updateStack } from "@/lib/services/stacks/update-stack";
import { clientAddress, errorResponse, jsonBody } from "./respond";
import { sharedRoutes } from "./shared-routes";

/*
 * The stack routes, once for the browser (session cookie) and once for /api/v1 (API token): the
 * handlers below are shared, the route files only choose the wrapper.
 */

type Params = { id: string; action: string; secret: string };
const { browserRoute, apiRoute, route } = sharedRoutes<Params>();
export { browserRoute, apiRoute };

/** A JSON object body; its callId, when the browser tagged the call, travels apart. */
async function objectBody(request: Request): Promise<Record<string, unknown>> {
  const body = await jsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new BerthError("BAD_REQUEST", "The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

export const stackRoutes = {
  /** GET /stacks: saved stacks and projects found on every visible host. */
  list: route<never>(async (user) => NextResponse.json(await listStacks(user))),

  /** POST /stacks: save (and with deploy: true, deploy) a stack. */
  create: route<never>(async (user, request) => {
    const body = await objectBody(request);
    const call = trackCall(user.id, body.callId);
    try {
      const created = await createStack(user, body, {
        onProgress: call.onProgress,
        signal: call.signal,
        clientAddress: clientAddress(request),
      });
      return NextResponse.json(created, { status: 201 });
    } finally {
      call.release();
    }
  }),

  /** GET /stacks/templates: the template catalogue. */
  templates: route<never>(async (user) => NextResponse.json(await listStackTemplates(user))),

  /** POST /stacks/plan: what deploying these files would do, and what the policy refuses. */
  plan: route<never>(async (user, request) =>
    NextResponse.json(await planStack(user, await objectBody(request))),
  ),

  /** POST /stacks/adopt: a discovered project becomes a saved stack. */
  adopt: route<never>(async (user, request) =>
    NextResponse.json(await adoptStack(user, await objectBody(request), clientAddress(request)), {
      status: 201,
    }),
  ),

  /** GET /stacks/{id} */
  get: route<"id">(async (user, _request, { id }) => NextResponse.json(await getStack(user, id))),

  /** PUT /stacks/{id}: save files and settings. */
  update: route<"id">(async (user, request, { id }) =>
    NextResponse.json(
      await updateStack(user, id, await objectBody(request), clientAddress(request)),
    ),
  ),

  /** DELETE /stacks/{id}?down=1&volumes=1 */
  remove: route<"id">(async (user, request, { id }) => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return NextResponse.json(await removeStack(user, id, query, clientAddress(request)));
  }),

  /** POST /stacks/{id}/{deploy|start|stop|restart|down|webhook} */
  act: route<"id" | "action">(async (user, request, { id, action }) => {
    const body = await objectBody(request);
    const address = clientAddress(request);
    switch (action) {
      case "deploy": {
        const call = trackCall(user.id, body.callId);
        try {
          return NextResponse.json(
            await deployStack(user, id, body, {
              onProgress: call.onProgress,
              signal: call.signal,
              clientAddress: address,
            }),
          );
        } finally {
          call.release();
        }
      }
      case "start":
      case "stop":
      case "restart":
        return NextResponse.json(await performStackAction(user, id, action, body, address));
      case "down":
        return NextResponse.json(await downStack(user, id, body, address));
      case "webhook":
        return NextResponse.json(await regenerateStackWebhook(user, id, address));
      default:
        throw new BerthError("NOT_FOUND", "No such stack action.");
    }
  }),
};

/**
 * POST /api/stacks/hooks/{secret}: a git stack's webhook, called by a git server (no session,
 * no body read). 202 at once, the redeploy runs in the background; an unknown secret is a bare 404.
 */
export async function stackHookRoute(
  request: Request,
  ctx: { params: Promise<{ secret: string }> },
): Promise<Response> {
  try {
    const { secret } = await ctx.params;
    await receiveStackWebhook(secret, clientAddress(request));
    return NextResponse.json({ accepted: true }, { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}
