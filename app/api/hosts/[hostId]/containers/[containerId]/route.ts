import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { getContainer } from "@/lib/services/containers/get-container";

export async function GET(
  _request: Request,
  ctx: { params: Promise<{ hostId: string; containerId: string }> },
) {
  try {
    const user = await requireApiUser();
    const { hostId, containerId } = await ctx.params;
    return NextResponse.json({ container: await getContainer(user, hostId, containerId) });
  } catch (err) {
    return errorResponse(err);
  }
}
