import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { SetPasswordSchema } from "@/lib/protocol";
import { setUserPassword } from "@/lib/services/users/set-user-password";

export async function PUT(request: Request, ctx: { params: Promise<{ userId: string }> }) {
  try {
    const user = await requireApiUser();
    const { userId } = await ctx.params;
    const input = SetPasswordSchema.parse(await jsonBody(request));
    await setUserPassword(user, userId, input, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
