import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { getGroupPolicy } from "@/lib/services/policy/get-group-policy";
import { updateGroupPolicy } from "@/lib/services/policy/update-group-policy";

type Ctx = { params: Promise<{ groupId: string }> };

export async function GET(_request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { groupId } = await ctx.params;
    return NextResponse.json(await getGroupPolicy(user, groupId));
  } catch (err) {
    return errorResponse(err);
  }
}

export async function PUT(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { groupId } = await ctx.params;
    const body = await jsonBody(request);
    return NextResponse.json(await updateGroupPolicy(user, groupId, body, clientAddress(request)));
  } catch (err) {
    return errorResponse(err);
  }
}
