import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { getGroupPolicy } from "@/lib/services/policy/get-group-policy";
import { updateGroupPolicy } from "@/lib/services/policy/update-group-policy";

type Ctx = { params: Promise<{ groupId: string }> };

export const GET = v1<Ctx>(async (user, _request, ctx) => {
  const { groupId } = await ctx.params;
  return NextResponse.json(await getGroupPolicy(user, groupId));
});

export const PUT = v1<Ctx>(async (user, request, ctx) => {
  const { groupId } = await ctx.params;
  const body = await jsonBody(request);
  return NextResponse.json(await updateGroupPolicy(user, groupId, body, clientAddress(request)));
});
