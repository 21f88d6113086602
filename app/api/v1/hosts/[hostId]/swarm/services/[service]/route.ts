import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { changeService } from "@/lib/services/swarm/change-service";

type Ctx = { params: Promise<{ hostId: string; service: string }> };

/** Scale, new image (a rolling update), update policy. */
export const PATCH = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, service } = await ctx.params;
  const change = await jsonBody(request);
  return NextResponse.json(
    await changeService(user, hostId, service, { kind: "update", change }, clientAddress(request)),
  );
});

export const DELETE = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, service } = await ctx.params;
  return NextResponse.json(
    await changeService(user, hostId, service, { kind: "remove" }, clientAddress(request)),
  );
});
