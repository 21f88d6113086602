import { NextResponse } from "next/server";
import { requireApiSession } from "@/lib/auth/current-user";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { ChangeOwnPasswordSchema } from "@/lib/protocol";
import { changeOwnPassword } from "@/lib/services/users/change-own-password";

export async function PUT(request: Request) {
  try {
    const { user, loginAt } = await requireApiSession();
    const input = ChangeOwnPasswordSchema.parse(await jsonBody(request));
    await changeOwnPassword(user, input, { sessionLoginAt: loginAt }, clientAddress(request));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
