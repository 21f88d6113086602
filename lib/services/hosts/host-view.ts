import { EngineInfoSchema, type EngineInfo, type HostStatus } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { Host } from "@/lib/db";

/** A host as the browser sees it: no key hashes, live state from the hub. */
export type HostView = {
  id: string;
  name: string;
  hostname: string | null;
  /** Where the server last saw the agent connect from. */
  address: string | null;
  online: boolean;
  lastSeenAt: number | null;
  agentVersion: string | null;
  engine: EngineInfo | null;
  createdAt: number;
  role: HostRoleName;
  /** The agent key was revoked: the host waits for re-enrolment. */
  keyRevoked: boolean;
};

export function toHostView(host: Host, status: HostStatus, role: HostRoleName): HostView {
  const engine = EngineInfoSchema.safeParse(host.engineInfo);
  return {
    id: host.id,
    name: host.name,
    hostname: host.hostname,
    address: host.address,
    online: status.online,
    lastSeenAt: status.lastSeenAt ?? host.lastSeenAt?.getTime() ?? null,
    agentVersion: host.agentVersion,
    engine: engine.success ? engine.data : null,
    createdAt: host.createdAt.getTime(),
    role,
    keyRevoked: host.keyHash === null,
  };
}
