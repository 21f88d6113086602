import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { getHostPolicy } from "@/lib/services/policy/get-host-policy";
import { updateHostPolicy } from "@/lib/services/policy/update-host-policy";

type Ctx = { params: Promise<{ hostId: string }> };

export async function GET(_request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    return NextResponse.json(await getHostPolicy(user, hostId));
  } catch (err) {
    return errorResponse(err);
  }
}

export async function PUT(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    const body = await jsonBody(request);
    return NextResponse.json(await updateHostPolicy(user, hostId, body, clientAddress(request)));
  } catch (err) {
    return errorResponse(err);
  }
}
