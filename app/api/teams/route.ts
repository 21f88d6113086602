import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { TeamNameSchema } from "@/lib/protocol";
import { createTeam } from "@/lib/services/teams/create-team";
import { listTeams } from "@/lib/services/teams/list-teams";

export async function GET() {
  try {
    return NextResponse.json({ teams: await listTeams(await requireApiUser()) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    const input = TeamNameSchema.parse(await jsonBody(request));
    return NextResponse.json(await createTeam(user, input, clientAddress(request)), {
      status: 201,
    });
  } catch (err) {
    return errorResponse(err);
  }
}
