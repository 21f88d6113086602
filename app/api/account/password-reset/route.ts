import { NextResponse } from "next/server";
import { clientAddress, errorResponse, jsonBody } from "@/lib/http/respond";
import { ResetPasswordWithLinkSchema } from "@/lib/protocol";
import { resetPasswordWithLink } from "@/lib/services/users/reset-password-with-link";

/** Setting a password with a reset link: no session, the link's token is the credential. */
export async function POST(request: Request) {
  try {
    const input = ResetPasswordWithLinkSchema.parse(await jsonBody(request));
    return NextResponse.json(await resetPasswordWithLink(input, clientAddress(request)));
  } catch (err) {
    return errorResponse(err);
  }
}
