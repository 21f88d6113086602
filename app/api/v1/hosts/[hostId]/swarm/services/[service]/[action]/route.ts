import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress } from "@/lib/http/respond";
import { changeService } from "@/lib/services/swarm/change-service";
import { getServiceLogs } from "@/lib/services/swarm/get-service-logs";

type Ctx = { params: Promise<{ hostId: string; service: string; action: string }> };

/** GET logs: the last lines of every task, merged (?tail=). */
export const GET = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, service, action } = await ctx.params;
  if (action !== "logs") throw new BerthError("NOT_FOUND", "No such service operation.");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return NextResponse.json(await getServiceLogs(user, hostId, { ...query, service }));
});

/** POST rollback: back to the spec before the last update. */
export const POST = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, service, action } = await ctx.params;
  if (action !== "rollback") throw new BerthError("NOT_FOUND", "No such service operation.");
  return NextResponse.json(
    await changeService(user, hostId, service, { kind: "rollback" }, clientAddress(request)),
  );
});
