import { NextResponse } from "next/server";
import { z } from "zod";
import { BerthError } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { createOverlayNetwork } from "@/lib/services/swarm/create-overlay-network";
import { leaveSwarm } from "@/lib/services/swarm/leave-swarm";
import { removeOverlayNetwork } from "@/lib/services/swarm/remove-overlay-network";
import { setNodeAvailability } from "@/lib/services/swarm/set-node-availability";

type Ctx = { params: Promise<{ action: string }> };

const HostSchema = z.object({ hostId: z.string().min(1).max(100) });

/** Changes: overlay networks across hosts, node availability, a host leaving its swarm. */
export async function POST(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { action } = await ctx.params;
    const address = clientAddress(request);
    const body = (await jsonBody(request)) as Record<string, unknown>;
    switch (action) {
      case "network-create":
        return NextResponse.json(await createOverlayNetwork(user, body, address), {
          status: 201,
        });
      case "network-remove": {
        const { hostId } = HostSchema.parse(body);
        await removeOverlayNetwork(user, hostId, body.network, address);
        return NextResponse.json({ ok: true });
      }
      case "node-availability": {
        const { hostId } = HostSchema.parse(body);
        return NextResponse.json(
          await setNodeAvailability(user, hostId, body.availability, address),
        );
      }
      case "leave": {
        const { hostId } = HostSchema.parse(body);
        return NextResponse.json(await leaveSwarm(user, hostId, address));
      }
      default:
        throw new BerthError("NOT_FOUND", "No such swarm action.");
    }
  } catch (err) {
    return errorResponse(err);
  }
}
