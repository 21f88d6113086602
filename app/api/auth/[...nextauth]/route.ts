import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { describeLockout, lockoutMinutes } from "@/lib/auth/sign-in-lockout";

const handler = NextAuth(authOptions);
type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth answers a locked password sign-in (its credentials provider refused with the lockout
 * code) like any failed one; for its client (json=true) this turns that answer into HTTP 429
 * with Retry-After. The body keeps next-auth's shape, so its client reports the error.
 */
async function POST(request: NextRequest, ctx: Ctx) {
  const response = await handler(request, ctx);
  if (response.status !== 401 || !response.headers.get("content-type")?.includes("json")) {
    return response;
  }
  const { url } = (await response.clone().json()) as { url?: unknown };
  const code = typeof url === "string" ? new URL(url, request.url).searchParams.get("error") : null;
  const minutes = lockoutMinutes(code);
  if (minutes === null) return response;
  const login = new URL("/login", request.url);
  login.searchParams.set("error", code!);
  return NextResponse.json(
    { url: login.toString(), error: describeLockout(minutes) },
    { status: 429, headers: { "retry-after": String(minutes * 60) } },
  );
}

export { handler as GET, POST };
