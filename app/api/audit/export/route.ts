import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse } from "@/lib/http/respond";
import { AuditQuerySchema } from "@/lib/protocol";
import { exportAuditCsv } from "@/lib/services/audit/export-audit-csv";

export async function GET(request: Request) {
  try {
    const user = await requireApiUser();
    const query = AuditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const stream = await exportAuditCsv(user, query, clientAddress(request));
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="berth-audit-${stamp}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
