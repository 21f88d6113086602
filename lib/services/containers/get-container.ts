import { ContainerRefSchema, type ContainerSummary } from "@/lib/protocol";
import { maskEnv, maskEnvEntries, type MaskedEnv } from "@/lib/containers/secret-env";
import { securitySummary, type SecuritySummary } from "@/lib/containers/security-summary";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import type { ContainerRow } from "./container-row";

export type ContainerDetail = {
  summary: ContainerRow;
  inspect: Record<string, unknown>;
  env: MaskedEnv[];
  security: SecuritySummary;
  role: HostRoleName;
};

type Inspect = {
  Id?: string;
  Name?: string;
  Created?: string;
  Config?: { Env?: string[]; Image?: string; Labels?: Record<string, string> | null };
  State?: { Status?: string };
  Image?: string;
};

/** The inspect output with secret-looking environment values masked. */
function maskInspect(inspect: Record<string, unknown>): Record<string, unknown> {
  const config = (inspect as Inspect).Config;
  if (!config?.Env) return inspect;
  return { ...inspect, Config: { ...config, Env: maskEnvEntries(config.Env) } };
}

/** When the live list has not seen the container yet, the row is built from inspect. */
function summaryFromInspect(inspect: Inspect): ContainerSummary {
  return {
    id: inspect.Id ?? "",
    name: (inspect.Name ?? "").replace(/^\//, ""),
    image: inspect.Config?.Image ?? "",
    imageId: inspect.Image ?? "",
    command: "",
    createdAt: inspect.Created ? Date.parse(inspect.Created) : 0,
    state: (inspect.State?.Status as ContainerSummary["state"]) ?? "created",
    status: inspect.State?.Status ?? "",
    health: "none",
    ports: [],
    labels: inspect.Config?.Labels ?? {},
    networks: [],
    cpuPercent: null,
    memoryBytes: null,
  };
}

export async function getContainer(
  user: SessionUser,
  hostId: string,
  containerId: string,
): Promise<ContainerDetail> {
  const id = ContainerRefSchema.parse(containerId);
  const { host, role } = await requireHostPermission(user, hostId, "container.read");
  const hub = getAgentHub();
  const { inspect } = await hub.call(hostId, "container.inspect", { id });
  const typed = inspect as Inspect;
  const summary = hub.containers.find(hostId, typed.Id ?? id) ?? summaryFromInspect(typed);
  return {
    summary: {
      ...summary,
      hostId,
      hostName: host.name,
      hostAddress: host.address,
      hostOnline: hub.isOnline(hostId),
      role,
    },
    inspect: maskInspect(inspect),
    env: maskEnv(typed.Config?.Env ?? []),
    security: securitySummary(inspect),
    role,
  };
}
