import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse } from "@/lib/http/respond";
import { removeTeamMember } from "@/lib/services/teams/remove-team-member";

export async function DELETE(
  request: Request,
  ctx: { params: Promise<{ teamId: string; userId: string }> },
) {
  try {
    const user = await requireApiUser();
    const { teamId, userId } = await ctx.params;
    await removeTeamMember(user, teamId, userId, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
