import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { pingHost } from "@/lib/services/hosts/ping-host";

export async function POST(_request: Request, ctx: { params: Promise<{ hostId: string }> }) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    return NextResponse.json(await pingHost(user, hostId));
  } catch (err) {
    return errorResponse(err);
  }
}
