import { NextResponse } from "next/server";
import { v1 } from "@/lib/http/api-v1";
import { clientAddress, jsonBody } from "@/lib/http/respond";
import { requestOrigin } from "@/lib/server/public-url";
import { onboardHostOverSsh } from "@/lib/services/onboarding/onboard-host-over-ssh";

/** Adds a host over SSH and answers when it is online, with every step's output. */
export const POST = v1(async (user, request) =>
  NextResponse.json(
    await onboardHostOverSsh(
      user,
      await jsonBody(request),
      requestOrigin(request),
      clientAddress(request),
    ),
    { status: 201 },
  ),
);
