import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { trackCall } from "@/lib/services/calls/track-call";
import { createContainer } from "@/lib/services/containers/create-container";

const BodySchema = z.object({ spec: z.unknown(), callId: z.string().optional() });

export async function POST(request: Request, ctx: { params: Promise<{ hostId: string }> }) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    const body = BodySchema.parse(await jsonBody(request));
    const call = trackCall(user.id, body.callId);
    try {
      const created = await createContainer(user, hostId, body.spec, {
        onProgress: call.onProgress,
        clientAddress: clientAddress(request),
      });
      return NextResponse.json(created, { status: 201 });
    } finally {
      call.release();
    }
  } catch (err) {
    return errorResponse(err);
  }
}
