import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { progressTo } from "@/lib/hub/progress-relay";
import { createContainer } from "@/lib/services/containers/create-container";

const BodySchema = z.object({ spec: z.unknown(), callId: z.string().optional() });

export async function POST(request: Request, ctx: { params: Promise<{ hostId: string }> }) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    const body = BodySchema.parse(await jsonBody(request));
    const created = await createContainer(user, hostId, body.spec, {
      onProgress: progressTo(user.id, body.callId),
      clientAddress: clientAddress(request),
    });
    return NextResponse.json(created, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
