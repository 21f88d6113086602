import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { errorResponse, jsonBody } from "@/lib/http/respond";
import { cancelOnboarding } from "@/lib/services/onboarding/cancel-onboarding";

/** Cancels the caller's running SSH onboarding by its callId. */
export async function POST(request: Request) {
  try {
    cancelOnboarding(await requireApiUser(), await jsonBody(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
