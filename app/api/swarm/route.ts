import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { getCluster } from "@/lib/services/swarm/get-cluster";

/** The fleet as swarms: hosts, nodes, overlay networks, services. */
export async function GET() {
  try {
    return NextResponse.json(await getCluster(await requireApiUser()));
  } catch (err) {
    return errorResponse(err);
  }
}
