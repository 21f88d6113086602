import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse } from "@/lib/http/respond";
import { revokeAccess } from "@/lib/services/access/revoke-access";

export async function DELETE(request: Request, ctx: { params: Promise<{ grantId: string }> }) {
  try {
    const user = await requireApiUser();
    const { grantId } = await ctx.params;
    await revokeAccess(user, grantId, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
