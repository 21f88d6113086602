import { NextResponse } from "next/server";
import { z } from "zod";
import { BerthError } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import { downloadResponse } from "@/lib/http/download";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { crossSiteRefusal } from "@/lib/http/security";
import { cancelCall } from "@/lib/services/calls/cancel-call";
import { trackCall } from "@/lib/services/calls/track-call";
import { buildImage } from "@/lib/services/images/build-image";
import { getImage } from "@/lib/services/images/get-image";
import { listImages } from "@/lib/services/images/list-images";
import { loadImage } from "@/lib/services/images/load-image";
import { pruneImages } from "@/lib/services/images/prune-images";
import { pullImage } from "@/lib/services/images/pull-image";
import { pushImage } from "@/lib/services/images/push-image";
import { removeImage } from "@/lib/services/images/remove-image";
import { saveImage } from "@/lib/services/images/save-image";
import { tagImage } from "@/lib/services/images/tag-image";

type Ctx = { params: Promise<{ hostId: string; action: string }> };

const NOT_FOUND = () => new BerthError("NOT_FOUND", "No such image action.");
const RefSchema = z.object({ ref: z.string().min(1).max(512) });
const LongSchema = z.object({ callId: z.string().max(100).optional() }).loose();

function requestBody(request: Request): AsyncIterable<Uint8Array> {
  if (!request.body) throw new BerthError("BAD_REQUEST", "Send the tar as the request body.");
  return request.body as unknown as AsyncIterable<Uint8Array>;
}

/** Reads: the host's images, one image's inspect and history, and a `docker save` download. */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId, action } = await ctx.params;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    switch (action) {
      case "list":
        return NextResponse.json(
          await listImages(user, { sort: "created", dir: "desc", host: hostId }),
        );
      case "inspect": {
        const { ref } = RefSchema.parse(query);
        return NextResponse.json(await getImage(user, hostId, ref));
      }
      case "save": {
        const refs = new URL(request.url).searchParams.getAll("ref");
        const { stream, fileName } = await saveImage(user, hostId, refs, clientAddress(request));
        return downloadResponse(request, stream, fileName, "application/x-tar");
      }
      default:
        throw NOT_FOUND();
    }
  } catch (err) {
    return errorResponse(err);
  }
}

/** Changes: pull, push, build and load (bodies are tars), tag, remove, prune, cancel. */
export async function POST(request: Request, ctx: Ctx) {
  try {
    // build and load bypass the proxy (their bodies are streamed): the origin check is here
    if (crossSiteRefusal(request))
      throw new BerthError("FORBIDDEN", "This request came from another site and was refused.");
    const user = await requireApiUser();
    const { hostId, action } = await ctx.params;
    const address = clientAddress(request);
    switch (action) {
      case "build": {
        const params = new URL(request.url).searchParams;
        let options: unknown = {};
        try {
          options = JSON.parse(params.get("options") ?? "{}");
        } catch {
          throw new BerthError("BAD_REQUEST", "The build options are not valid JSON.");
        }
        const call = trackCall(user.id, params.get("callId"));
        try {
          return NextResponse.json(
            await buildImage(user, hostId, options, requestBody(request), {
              onProgress: call.onProgress,
              signal: call.signal,
              clientAddress: address,
            }),
          );
        } finally {
          call.release();
        }
      }
      case "load":
        return NextResponse.json(await loadImage(user, hostId, requestBody(request), address));
      case "pull":
      case "push": {
        const body = LongSchema.parse(await jsonBody(request));
        const call = trackCall(user.id, body.callId);
        const run = action === "pull" ? pullImage : pushImage;
        try {
          return NextResponse.json(
            await run(user, hostId, body, {
              onProgress: call.onProgress,
              signal: call.signal,
              clientAddress: address,
            }),
          );
        } finally {
          call.release();
        }
      }
      case "cancel": {
        const { callId } = z.object({ callId: z.string().max(100) }).parse(await jsonBody(request));
        cancelCall(user, callId);
        return NextResponse.json({ ok: true });
      }
      case "tag": {
        const body = (await jsonBody(request)) as Record<string, unknown>;
        const { ref } = RefSchema.parse(body);
        return NextResponse.json(await tagImage(user, hostId, ref, body, address));
      }
      case "remove": {
        const body = (await jsonBody(request)) as Record<string, unknown>;
        const { ref } = RefSchema.parse(body);
        return NextResponse.json(await removeImage(user, hostId, ref, body, address));
      }
      case "prune":
        return NextResponse.json(await pruneImages(user, hostId, await jsonBody(request), address));
      default:
        throw NOT_FOUND();
    }
  } catch (err) {
    return errorResponse(err);
  }
}
