import type { HostRoleName } from "@/lib/auth/permissions";

export type HostOption = { id: string; name: string; role: HostRoleName; online: boolean };

export function networksApi(hostId: string, action: string): string {
  return `/api/hosts/${encodeURIComponent(hostId)}/networks/${action}`;
}

export function networkHref(hostId: string, idOrName: string): string {
  return `/hosts/${encodeURIComponent(hostId)}/networks/${encodeURIComponent(idOrName)}`;
}

/** "10.1.0.0/24, fd00::/64" */
export function subnetsOf(ipam: ReadonlyArray<{ subnet: string }>): string {
  return ipam.map((p) => p.subnet).join(", ");
}
