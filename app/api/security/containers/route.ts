import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/respond";
import { listContainerFindings } from "@/lib/services/security/list-container-findings";

export async function GET() {
  try {
    const user = await requireApiUser();
    return NextResponse.json({ containers: await listContainerFindings(user) });
  } catch (err) {
    return errorResponse(err);
  }
}
