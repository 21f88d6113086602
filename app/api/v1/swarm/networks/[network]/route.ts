import { NextResponse } from "next/server";
import { z } from "zod";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress } from "@/lib/http/respond";
import { removeOverlayNetwork } from "@/lib/services/swarm/remove-overlay-network";

type Ctx = { params: Promise<{ network: string }> };

const QuerySchema = z.object({ host: z.string().min(1).max(100) });

/** ?host= names a host of the swarm the network belongs to. */
export const DELETE = v1<Ctx>(async (user, request, ctx) => {
  const { network } = await ctx.params;
  const { host } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  await removeOverlayNetwork(user, host, network, clientAddress(request));
  return NextResponse.json({ ok: true });
});
