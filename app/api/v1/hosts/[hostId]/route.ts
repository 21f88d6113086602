import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { getHost } from "@/lib/services/hosts/get-host";
import { removeHost } from "@/lib/services/hosts/remove-host";

type Ctx = { params: Promise<{ hostId: string }> };

export const GET = v1<Ctx>(async (user, _request, ctx) => {
  const { hostId } = await ctx.params;
  return NextResponse.json({ host: await getHost(user, hostId) });
});

/** Removes the host; `uninstall` stops and removes its agent over SSH first. */
export const DELETE = v1<Ctx>(async (user, request, ctx) => {
  const { hostId } = await ctx.params;
  return NextResponse.json(
    await removeHost(user, hostId, await jsonBody(request), clientAddress(request)),
  );
});
