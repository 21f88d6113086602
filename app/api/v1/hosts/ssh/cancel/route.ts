import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { jsonBody } from "@/lib/http/respond";
import { cancelOnboarding } from "@/lib/services/onboarding/cancel-onboarding";

/** Cancels the caller's running SSH onboarding by the callId it was started with. */
export const POST = v1(async (user, request) => {
  cancelOnboarding(user, await jsonBody(request));
  return NextResponse.json({ ok: true });
});
