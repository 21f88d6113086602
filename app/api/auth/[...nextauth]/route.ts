import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { clientAddress } from "@/lib/http/respond";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { admitLoginAttempt } from "@/lib/services/users/admit-login-attempt";

const handler = NextAuth(authOptions);
type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * Password sign-ins are admitted first: a locked account or address gets HTTP 429 without
 * its password being checked. The body keeps next-auth's shape, so its client reports the error.
 */
async function POST(request: NextRequest, ctx: Ctx) {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request.clone().formData();
    const email = String(form.get("email") ?? "")
      .trim()
      .toLowerCase();
    const address = clientAddress(request);
    const retryAfter = await admitLoginAttempt(email, address);
    if (retryAfter !== null) {
      await recordAudit({
        actor: { label: email },
        action: "user.login",
        outcome: "DENIED",
        error: "too many failed attempts",
        clientAddress: address,
      });
      const minutes = Math.ceil(retryAfter / 60);
      const url = new URL("/login", request.url);
      url.searchParams.set("error", `TooManyAttempts:${minutes}`);
      return NextResponse.json(
        { url: url.toString(), error: `Too many attempts, try again in ${minutes} minutes.` },
        { status: 429, headers: { "retry-after": String(retryAfter) } },
      );
    }
  }
  return handler(request, ctx);
}

export { handler as GET, POST };
