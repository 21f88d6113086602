import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { createOverlayNetwork } from "@/lib/services/swarm/create-overlay-network";

/** An overlay network across hosts; the hosts are put in one swarm first. */
export const POST = v1(async (user, request) =>
  NextResponse.json(
    await createOverlayNetwork(user, await jsonBody(request), clientAddress(request)),
    { status: 201 },
  ),
);
