import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { disconnectNetwork } from "@/lib/services/networks/disconnect-network";

type Ctx = { params: Promise<{ hostId: string; networkId: string }> };

export const POST = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, networkId } = await ctx.params;
  const body = await jsonBody(request);
  return NextResponse.json(
    await disconnectNetwork(user, hostId, networkId, body, clientAddress(request)),
  );
});
