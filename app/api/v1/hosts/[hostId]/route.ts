import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { getHost } from "@/lib/services/hosts/get-host";

type Ctx = { params: Promise<{ hostId: string }> };

export const GET = v1<Ctx>(async (user, _request, ctx) => {
  const { hostId } = await ctx.params;
  return NextResponse.json({ host: await getHost(user, hostId) });
});
