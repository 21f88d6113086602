import type { HostView } from "@/lib/services/hosts/host-view";
import type { HostOption } from "./api";

export function toHostOptions(hosts: HostView[]): HostOption[] {
  return hosts.map((h) => ({ id: h.id, name: h.name, role: h.role, online: h.online }));
}
