import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { TeamMemberSchema } from "@/lib/protocol";
import { addTeamMember } from "@/lib/services/teams/add-team-member";

export async function POST(request: Request, ctx: { params: Promise<{ teamId: string }> }) {
  try {
    const user = await requireApiUser();
    const { teamId } = await ctx.params;
    const input = TeamMemberSchema.parse(await jsonBody(request));
    await addTeamMember(user, teamId, input, clientAddress(request));
    return NextResponse.json({ ok: true }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
