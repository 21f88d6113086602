import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { bulkContainerAction } from "@/lib/services/containers/bulk-container-action";

export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    const results = await bulkContainerAction(
      user,
      await jsonBody(request),
      clientAddress(request),
    );
    return NextResponse.json({ results });
  } catch (err) {
    return errorResponse(err);
  }
}
