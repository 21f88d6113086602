import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { requestOrigin } from "@/lib/server/public-url";
import { onboardHostOverSsh } from "@/lib/services/onboarding/onboard-host-over-ssh";

/** Adds a host over SSH; its steps stream to the browser as command.progress for the callId. */
export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    const result = await onboardHostOverSsh(
      user,
      await jsonBody(request),
      requestOrigin(request),
      clientAddress(request),
    );
    return NextResponse.json(result, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
