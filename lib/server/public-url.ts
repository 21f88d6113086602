import { headers } from "next/headers";

/** The address hosts and browsers reach this server at: BERTH_PUBLIC_URL, else the request's. */
export async function publicUrl(): Promise<string> {
  if (process.env.BERTH_PUBLIC_URL) return process.env.BERTH_PUBLIC_URL.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

export function requestOrigin(request: Request): string {
  if (process.env.BERTH_PUBLIC_URL) return process.env.BERTH_PUBLIC_URL.replace(/\/+$/, "");
  const host =
    request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? "localhost:3000";
  const proto = request.headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
