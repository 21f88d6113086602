import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { UpdateUserSchema } from "@/lib/protocol";
import { deleteUser } from "@/lib/services/users/delete-user";
import { updateUser } from "@/lib/services/users/update-user";

type Ctx = { params: Promise<{ userId: string }> };

export async function PATCH(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { userId } = await ctx.params;
    const input = UpdateUserSchema.parse(await jsonBody(request));
    await updateUser(user, userId, input, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function DELETE(request: Request, ctx: Ctx) {
  try {
    const user = await requireApiUser();
    const { userId } = await ctx.params;
    await deleteUser(user, userId, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
