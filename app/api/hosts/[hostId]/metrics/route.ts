import { NextResponse } from "next/server";
import { MetricsRangeSchema } from "@/lib/protocol";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { getHostMetrics } from "@/lib/services/metrics/get-host-metrics";

export async function GET(request: Request, ctx: { params: Promise<{ hostId: string }> }) {
  try {
    const user = await requireApiUser();
    const { hostId } = await ctx.params;
    const range = MetricsRangeSchema.parse(new URL(request.url).searchParams.get("range") ?? "1h");
    return NextResponse.json({ range, points: await getHostMetrics(user, hostId, range) });
  } catch (err) {
    return errorResponse(err);
  }
}
