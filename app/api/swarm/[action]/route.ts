import { NextResponse } from "next/server";
import { z } from "zod";
import { BerthError } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { changeService } from "@/lib/services/swarm/change-service";
import { createOverlayNetwork } from "@/lib/services/swarm/create-overlay-network";
import { createService } from "@/lib/services/swarm/create-service";
import { getServiceLogs } from "@/lib/services/swarm/get-service-logs";
import { leaveSwarm } from "@/lib/services/swarm/leave-swarm";
import { removeOverlayNetwork } from "@/lib/services/swarm/remove-overlay-network";
import { setNodeAvailability } from "@/lib/services/swarm/set-node-availability";

type Ctx = { params: Promise<{ action: string }> };

const HostSchema = z.object({ hostId: z.string().min(1).max(100) });

/** Reads: a service's merged log (?hostId=<a host of the swarm>&service=&tail=). */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { action } = await ctx.params;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    if (action !== "service-logs") throw new BerthError("NOT_FOUND", "No such swarm action.");
    const { hostId } = HostSchema.parse(query);
    return NextResponse.json(await getServiceLogs(user, hostId, query));
  } catch (err) {
    return errorResponse(err);
  }
}

/** Changes: overlay networks across hosts, nodes, a host leaving its swarm, services. */
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
      case "service-create": {
        const { hostId } = HostSchema.parse(body);
        return NextResponse.json(await createService(user, hostId, body.spec, address), {
          status: 201,
        });
      }
      case "service-update":
      case "service-rollback":
      case "service-remove": {
        const { hostId } = HostSchema.parse(body);
        const kind = action.slice("service-".length) as "update" | "rollback" | "remove";
        const request = kind === "update" ? { kind, change: body.change } : { kind };
        return NextResponse.json(await changeService(user, hostId, body.service, request, address));
      }
      default:
        throw new BerthError("NOT_FOUND", "No such swarm action.");
    }
  } catch (err) {
    return errorResponse(err);
  }
}
