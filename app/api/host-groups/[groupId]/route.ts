import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { HostGroupNameSchema } from "@/lib/protocol";
import { deleteHostGroup } from "@/lib/services/host-groups/delete-host-group";
import { renameHostGroup } from "@/lib/services/host-groups/rename-host-group";

type Ctx = { params: Promise<{ groupId: string }> };

export async function PATCH(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { groupId } = await ctx.params;
    const input = HostGroupNameSchema.parse(await jsonBody(request));
    await renameHostGroup(user, groupId, input, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { groupId } = await ctx.params;
    await deleteHostGroup(user, groupId, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
