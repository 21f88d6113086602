import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { GrantSchema } from "@/lib/protocol";
import { grantAccess } from "@/lib/services/access/grant-access";
import { listGrants } from "@/lib/services/access/list-grants";

type Ctx = { params: Promise<{ hostId: string }> };

export async function GET(_request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    return NextResponse.json(await listGrants(user, { hostId }));
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    const input = GrantSchema.parse(await jsonBody(request));
    return NextResponse.json(await grantAccess(user, { hostId }, input, clientAddress(request)), {
      status: 201,
    });
  } catch (err) {
    return errorResponse(err);
  }
}
