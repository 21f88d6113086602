import { EngineInfoSchema, type EngineInfo } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";

/** A host as the browser sees it: no key hashes, live state from the hub. */
export type HostView = {
  id: string;
  name: string;
  hostname: string | null;
  online: boolean;
  lastSeenAt: number | null;
  agentVersion: string | null;
  engine: EngineInfo | null;
  createdAt: number;
  role: HostRoleName;
};

export function parseEngineInfo(value: unknown): EngineInfo | null {
  const parsed = EngineInfoSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
