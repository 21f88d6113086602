import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { getHost } from "@/lib/services/hosts/get-host";

export async function GET(_request: Request, ctx: { params: Promise<{ hostId: string }> }) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    return NextResponse.json({ host: await getHost(user, hostId) });
  } catch (err) {
    return errorResponse(err);
  }
}
