import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { GroupHostsSchema } from "@/lib/protocol";
import { setGroupHosts } from "@/lib/services/host-groups/set-group-hosts";

export async function PUT(request: Request, ctx: { params: Promise<{ groupId: string }> }) {
  try {
    const user = await requireApiUser();
    const { groupId } = await ctx.params;
    const input = GroupHostsSchema.parse(await jsonBody(request));
    await setGroupHosts(user, groupId, input, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
