import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { TeamNameSchema } from "@/lib/protocol";
import { deleteTeam } from "@/lib/services/teams/delete-team";
import { renameTeam } from "@/lib/services/teams/rename-team";

type Ctx = { params: Promise<{ teamId: string }> };

export async function PATCH(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { teamId } = await ctx.params;
    const input = TeamNameSchema.parse(await jsonBody(request));
    await renameTeam(user, teamId, input, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { teamId } = await ctx.params;
    await deleteTeam(user, teamId, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
