import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { AuditQuerySchema } from "@/lib/protocol";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";

export async function GET(request: Request) {
  try {
    const user = await requireApiUser();
    const query = AuditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return NextResponse.json(await listAuditEvents(user, query));
  } catch (err) {
    return errorResponse(err);
  }
}
