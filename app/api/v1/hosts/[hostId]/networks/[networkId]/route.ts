import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress } from "@/lib/http/respond";
import { getNetwork } from "@/lib/services/networks/get-network";
import { removeNetwork } from "@/lib/services/networks/remove-network";

type Ctx = { params: Promise<{ hostId: string; networkId: string }> };

export const GET = v1<Ctx>(async (user, _request, ctx) => {
  const { hostId, networkId } = await ctx.params;
  return NextResponse.json(await getNetwork(user, hostId, networkId));
});

export const DELETE = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, networkId } = await ctx.params;
  return NextResponse.json(await removeNetwork(user, hostId, networkId, clientAddress(request)));
});
