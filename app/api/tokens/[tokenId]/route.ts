import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse } from "@/lib/http/respond";
import { revokeApiToken } from "@/lib/services/tokens/revoke-api-token";

export async function DELETE(request: Request, ctx: { params: Promise<{ tokenId: string }> }) {
  try {
    const user = await requireApiUser();
    const { tokenId } = await ctx.params;
    await revokeApiToken(user, tokenId, clientAddress(request));
    return NextResponse.json({ revoked: true });
  } catch (err) {
    return errorResponse(err);
  }
}
