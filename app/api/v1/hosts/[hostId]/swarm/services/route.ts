import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { createService } from "@/lib/services/swarm/create-service";

type Ctx = { params: Promise<{ hostId: string }> };

/** A service in the swarm the host is in, under every target host's security policy. */
export const POST = v1<Ctx>(async (user, request, ctx) => {
  const { hostId } = await ctx.params;
  return NextResponse.json(
    await createService(user, hostId, await jsonBody(request), clientAddress(request)),
    { status: 201 },
  );
});
