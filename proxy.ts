import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, crossSiteRefusal } from "@/lib/http/security";

/**
 * Runs before every page, route handler and server action: refuses cross-site state changes
 * (CSRF) and gives each page a fresh script nonce for its Content-Security-Policy.
 */
export function proxy(request: NextRequest) {
  const refusal = crossSiteRefusal(request);
  if (refusal) {
    return NextResponse.json(
      {
        error: {
          code: "FORBIDDEN",
          message: "This request came from another site and was refused.",
        },
      },
      { status: 403 },
    );
  }
  if (request.nextUrl.pathname.startsWith("/api/"))
    return withTransportSecurity(NextResponse.next());

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return withTransportSecurity(response);
}

/** Behind an https public address, browsers are told to never use plain http for it again. */
function withTransportSecurity(response: NextResponse): NextResponse {
  if (process.env.NEXTAUTH_URL?.startsWith("https://")) {
    response.headers.set("strict-transport-security", "max-age=31536000");
  }
  return response;
}

export const config = {
  // Uploads are left out: Next.js copies a request body into memory (first 10 MB only) for a
  // proxy, which would cut image tars, build contexts, volume files and backups. Their routes
  // check the origin.
  matcher: [
    "/((?!_next/static|_next/image|icon.svg|api/hosts/[^/]+/images/(?:build|load)|api/(?:v1/)?hosts/[^/]+/volumes/[^/]+/(?:upload|restore)).*)",
  ],
};
