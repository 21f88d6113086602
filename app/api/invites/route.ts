import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { CreateInviteSchema } from "@/lib/protocol";
import { requestOrigin } from "@/lib/server/public-url";
import { createInvite } from "@/lib/services/users/create-invite";
import { listInvites } from "@/lib/services/users/list-invites";

export async function GET() {
  try {
    return NextResponse.json({ invites: await listInvites(await requireApiUser()) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    const input = CreateInviteSchema.parse(await jsonBody(request));
    const link = await createInvite(user, input, clientAddress(request));
    return NextResponse.json(
      {
        id: link.id,
        // The token travels in the fragment, which browsers never send to a server or proxy log.
        url: `${requestOrigin(request)}/invite#${link.token}`,
        expiresAt: link.expiresAt.toISOString(),
      },
      { status: 201 },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
