import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse } from "@/lib/http/respond";
import { revokeInvite } from "@/lib/services/users/revoke-invite";

export async function DELETE(request: Request, ctx: { params: Promise<{ inviteId: string }> }) {
  try {
    const user = await requireApiUser();
    const { inviteId } = await ctx.params;
    await revokeInvite(user, inviteId, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
