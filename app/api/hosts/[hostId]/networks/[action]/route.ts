import { NextResponse } from "next/server";
import { z } from "zod";
import { BerthError } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { connectNetwork } from "@/lib/services/networks/connect-network";
import { createNetwork } from "@/lib/services/networks/create-network";
import { disconnectNetwork } from "@/lib/services/networks/disconnect-network";
import { getNetwork } from "@/lib/services/networks/get-network";
import { listHostInterfaces } from "@/lib/services/networks/list-host-interfaces";
import { listHostNetworks } from "@/lib/services/networks/list-host-networks";
import { pruneNetworks } from "@/lib/services/networks/prune-networks";
import { removeNetwork } from "@/lib/services/networks/remove-network";

type Ctx = { params: Promise<{ hostId: string; action: string }> };

const NOT_FOUND = () => new BerthError("NOT_FOUND", "No such network action.");
const NetworkSchema = z.object({ network: z.string().min(1).max(255) });

/** Reads: the host's networks, one network's inspect, and the host's interfaces. */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId, action } = await ctx.params;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    switch (action) {
      case "list":
        return NextResponse.json({ networks: await listHostNetworks(user, hostId) });
      case "inspect":
        return NextResponse.json(
          await getNetwork(user, hostId, NetworkSchema.parse(query).network),
        );
      case "interfaces":
        return NextResponse.json({ interfaces: await listHostInterfaces(user, hostId) });
      default:
        throw NOT_FOUND();
    }
  } catch (err) {
    return errorResponse(err);
  }
}

/** Changes: create, remove, connect, disconnect, prune. */
export async function POST(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { hostId, action } = await ctx.params;
    const address = clientAddress(request);
    const body = (await jsonBody(request)) as Record<string, unknown>;
    switch (action) {
      case "create":
        return NextResponse.json(await createNetwork(user, hostId, body, address), { status: 201 });
      case "remove": {
        const { network } = NetworkSchema.parse(body);
        return NextResponse.json(await removeNetwork(user, hostId, network, address));
      }
      case "connect": {
        const { network } = NetworkSchema.parse(body);
        return NextResponse.json(await connectNetwork(user, hostId, network, body, address));
      }
      case "disconnect": {
        const { network } = NetworkSchema.parse(body);
        return NextResponse.json(await disconnectNetwork(user, hostId, network, body, address));
      }
      case "prune":
        return NextResponse.json(await pruneNetworks(user, hostId, address));
      default:
        throw NOT_FOUND();
    }
  } catch (err) {
    return errorResponse(err);
  }
}
