import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { listHostInterfaces } from "@/lib/services/networks/list-host-interfaces";

type Ctx = { params: Promise<{ hostId: string }> };

export const GET = v1<Ctx>(async (user, _request, ctx) => {
  const { hostId } = await ctx.params;
  return NextResponse.json({ interfaces: await listHostInterfaces(user, hostId) });
});
