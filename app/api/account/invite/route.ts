import { NextResponse } from "next/server";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { AcceptInviteSchema } from "@/lib/protocol";
import { acceptInvite } from "@/lib/services/users/accept-invite";

/** Accepting an invitation: no session, the link's token is the credential. */
export async function POST(request: Request) {
  try {
    const input = AcceptInviteSchema.parse(await jsonBody(request));
    await acceptInvite(input, clientAddress(request));
    return NextResponse.json({ ok: true }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
