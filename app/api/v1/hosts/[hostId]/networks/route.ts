import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { createNetwork } from "@/lib/services/networks/create-network";
import { listHostNetworks } from "@/lib/services/networks/list-host-networks";

type Ctx = { params: Promise<{ hostId: string }> };

export const GET = v1<Ctx>(async (user, _request, ctx) => {
  const { hostId } = await ctx.params;
  return NextResponse.json({ networks: await listHostNetworks(user, hostId) });
});

/** `docker network create` from a network spec (the body), under the host's security policy. */
export const POST = v1<Ctx>(async (user, request, ctx) => {
  const { hostId } = await ctx.params;
  const created = await createNetwork(
    user,
    hostId,
    await jsonBody(request),
    clientAddress(request),
  );
  return NextResponse.json(created, { status: 201 });
});
