import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse } from "@/lib/http/respond";
import { requestOrigin } from "@/lib/server/public-url";
import { createPasswordResetLink } from "@/lib/services/users/create-password-reset-link";

export async function POST(request: Request, ctx: { params: Promise<{ userId: string }> }) {
  try {
    const user = await requireApiUser();
    const { userId } = await ctx.params;
    const link = await createPasswordResetLink(user, userId, clientAddress(request));
    return NextResponse.json(
      {
        // The token travels in the fragment, which browsers never send to a server or proxy log.
        url: `${requestOrigin(request)}/reset-password#${link.token}`,
        expiresAt: link.expiresAt.toISOString(),
      },
      { status: 201 },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
