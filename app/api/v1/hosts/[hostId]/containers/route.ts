import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { createContainer } from "@/lib/services/containers/create-container";

type Ctx = { params: Promise<{ hostId: string }> };

/** `docker run` from a run spec (the body), under the host's security policy. */
export const POST = v1<Ctx>(async (user, request, ctx) => {
  const { hostId } = await ctx.params;
  const created = await createContainer(user, hostId, await jsonBody(request), {
    clientAddress: clientAddress(request),
  });
  return NextResponse.json(created, { status: 201 });
});
