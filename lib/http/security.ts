/**
 * Browser-facing protections shared by the proxy (pages, route handlers, server actions) and the
 * /ui socket: a strict Content-Security-Policy and same-origin checks against cross-site requests.
 */

/** Origins besides the server's own that the browser may come from (behind a renaming proxy). */
function extraOrigins(): string[] {
  const list = (process.env.BERTH_ALLOWED_ORIGINS ?? "").split(",").map((o) => o.trim());
  if (process.env.NEXTAUTH_URL) list.push(new URL(process.env.NEXTAUTH_URL).origin);
  return list.filter(Boolean);
}

/** Whether `origin` names this server (the Host the request came to) or a configured origin. */
export function isAllowedOrigin(
  origin: string | null | undefined,
  host: string | null | undefined,
) {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host || extraOrigins().includes(origin);
  } catch {
    return false;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a request must be refused as cross-site, or null when it may proceed. State-changing
 * requests that a browser sends carry Sec-Fetch-Site or Origin; each must say same-origin.
 * Requests with neither come from programs, which hold no ambient browser cookies, and calls
 * with a bearer token carry their own credential, so neither can be forged by another site.
 */
export function crossSiteRefusal(request: {
  method: string;
  headers: { get(name: string): string | null };
}): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const headers = request.headers;
  if (/^bearer\s/i.test(headers.get("authorization") ?? "")) return null;
  const fetchSite = headers.get("sec-fetch-site");
  const origin = headers.get("origin");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    // A same-site (other subdomain) or cross-site request is still fine from a configured origin.
    if (!isAllowedOrigin(origin, headers.get("host"))) return "cross-site request";
  }
  if (origin && !isAllowedOrigin(origin, headers.get("host"))) return "foreign origin";
  return null;
}

/**
 * The page policy: scripts only from this server and those carrying this response's nonce
 * (Next.js puts it on its own inline scripts); no eval in production. Styles allow inline
 * attributes and elements because charts and the terminal set them at run time.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries, pages and API alike. */
export const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  },
];
