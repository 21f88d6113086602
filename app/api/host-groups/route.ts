import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { HostGroupNameSchema } from "@/lib/protocol";
import { createHostGroup } from "@/lib/services/host-groups/create-host-group";
import { listHostGroups } from "@/lib/services/host-groups/list-host-groups";

export async function GET() {
  try {
    return NextResponse.json({ groups: await listHostGroups(await requireApiUser()) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const user = await requireApiUser();
    const input = HostGroupNameSchema.parse(await jsonBody(request));
    return NextResponse.json(await createHostGroup(user, input, clientAddress(request)), {
      status: 201,
    });
  } catch (err) {
    return errorResponse(err);
  }
}
