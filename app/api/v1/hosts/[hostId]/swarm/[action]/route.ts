import { NextResponse } from "next/server";
import { BerthError } from "@/lib/protocol";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress } from "@/lib/http/respond";
import { leaveSwarm } from "@/lib/services/swarm/leave-swarm";
import { setNodeAvailability } from "@/lib/services/swarm/set-node-availability";

type Ctx = { params: Promise<{ hostId: string; action: string }> };

const AVAILABILITY: Record<string, string> = {
  drain: "drain",
  pause: "pause",
  activate: "active",
};

/** drain, pause, activate: the host's swarm node; leave: the host leaves its swarm. */
export const POST = v1<Ctx>(async (user, request, ctx) => {
  const { hostId, action } = await ctx.params;
  const address = clientAddress(request);
  if (action === "leave") return NextResponse.json(await leaveSwarm(user, hostId, address));
  const availability = AVAILABILITY[action];
  if (!availability) throw new BerthError("NOT_FOUND", "No such swarm action.");
  return NextResponse.json(await setNodeAvailability(user, hostId, availability, address));
});
