import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { getHostPolicy } from "@/lib/services/policy/get-host-policy";
import { updateHostPolicy } from "@/lib/services/policy/update-host-policy";

type Ctx = { params: Promise<{ hostId: string }> };

export const GET = v1<Ctx>(async (user, _request, ctx) => {
  const { hostId } = await ctx.params;
  return NextResponse.json(await getHostPolicy(user, hostId));
});

export const PUT = v1<Ctx>(async (user, request, ctx) => {
  const { hostId } = await ctx.params;
  const body = await jsonBody(request);
  return NextResponse.json(await updateHostPolicy(user, hostId, body, clientAddress(request)));
});
