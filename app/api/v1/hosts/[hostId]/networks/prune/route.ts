import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress } from "@/lib/http/respond";
import { pruneNetworks } from "@/lib/services/networks/prune-networks";

type Ctx = { params: Promise<{ hostId: string }> };

export const POST = v1<Ctx>(async (user, request, ctx) => {
  const { hostId } = await ctx.params;
  return NextResponse.json(await pruneNetworks(user, hostId, clientAddress(request)));
});
