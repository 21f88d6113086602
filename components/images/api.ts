import type { HostRoleName } from "@/lib/auth/permissions";

export type HostOption = { id: string; name: string; role: HostRoleName; online: boolean };

export type RegistryOption = { id: string; name: string; host: string };

export function imagesApi(hostId: string, action: string): string {
  return `/api/hosts/${encodeURIComponent(hostId)}/images/${action}`;
}

export function imageHref(hostId: string, id: string): string {
  return `/hosts/${encodeURIComponent(hostId)}/images/${encodeURIComponent(id)}`;
}

/** "sha256:0123456789ab…" → "0123456789ab", as the CLI shows ids. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}
