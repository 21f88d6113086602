import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { NetworkQuerySchema, listNetworks } from "@/lib/services/networks/list-networks";

/** The fleet's networks (or one host's with ?host=), filtered and sorted. */
export async function GET(request: Request) {
  try {
    const user = await requireApiUser();
    const query = NetworkQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return NextResponse.json(await listNetworks(user, query));
  } catch (err) {
    return errorResponse(err);
  }
}
