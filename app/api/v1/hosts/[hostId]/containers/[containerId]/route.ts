import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { getContainer } from "@/lib/services/containers/get-container";

type Ctx = { params: Promise<{ hostId: string; containerId: string }> };

export const GET = v1<Ctx>(async (user, _request, ctx) => {
  const { hostId, containerId } = await ctx.params;
  return NextResponse.json({ container: await getContainer(user, hostId, containerId) });
});
