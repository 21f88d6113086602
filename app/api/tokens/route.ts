import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { createApiToken } from "@/lib/services/tokens/create-api-token";
import { listApiTokens } from "@/lib/services/tokens/list-api-tokens";

/** The signed-in user's own API tokens. */
export async function GET() {
  try {
    const user = await requireApiUser();
    return NextResponse.json({ tokens: await listApiTokens(user) });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Issues a token; the answer is the only time the token itself is shown. */
export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    const issued = await createApiToken(user, await jsonBody(request), clientAddress(request));
    return NextResponse.json(issued, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
