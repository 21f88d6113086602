import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { getCluster } from "@/lib/services/swarm/get-cluster";

export const GET = v1(async (user) => NextResponse.json(await getCluster(user)));
