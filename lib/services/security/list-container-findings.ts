import type { ContainerState } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import {
  securitySummary,
  type SecurityItem,
  type SecurityLevel,
} from "@/lib/containers/security-summary";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";

/** The fleet page's columns, each gathering the checklist items it stands for. */
export const FINDING_CATEGORIES = [
  "privileged",
  "root",
  "capabilities",
  "namespaces",
  "mounts",
  "confinement",
  "limits",
  "writableRoot",
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export type Finding = { level: Exclude<SecurityLevel, "ok">; details: string[] };

export type ContainerFindings = {
  hostId: string;
  hostName: string;
  role: HostRoleName;
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  /** null when the host's agent reports no security digest (an older agent). */
  findings: Partial<Record<FindingCategory, Finding>> | null;
  /** Higher is riskier: 10 per dangerous finding, 3 per warning. */
  risk: number;
};

function categoryOf(item: SecurityItem): FindingCategory | null {
  if (item.key.startsWith("mount:") || item.key === "devices") return "mounts";
  switch (item.key) {
    case "privileged":
      return "privileged";
    case "user":
      return "root";
    case "capAdd":
      return "capabilities";
    case "networkMode":
    case "pidMode":
    case "ipcMode":
    case "utsMode":
      return "namespaces";
    case "seccomp":
    case "apparmor":
      return "confinement";
    case "memoryLimit":
    case "cpuLimit":
    case "pidsLimit":
      return "limits";
    case "readOnlyRootfs":
      return "writableRoot";
    default:
      return null;
  }
}

const WEIGHT = { danger: 10, warn: 3 } as const;

/** The container's checklist folded into the page's columns, worst level per column. */
export function findingsOf(inspect: Record<string, unknown>): {
  findings: Partial<Record<FindingCategory, Finding>>;
  risk: number;
} {
  const findings: Partial<Record<FindingCategory, Finding>> = {};
  let risk = 0;
  for (const item of securitySummary(inspect).items) {
    const category = categoryOf(item);
    if (!category || item.level === "ok") continue;
    risk += WEIGHT[item.level];
    const found = (findings[category] ??= { level: item.level, details: [] });
    if (item.level === "danger") found.level = "danger";
    found.details.push(item.detail);
  }
  return { findings, risk };
}

/**
 * Every container on every host the user may see, with its security findings, riskiest first:
 * read from the digests the agents keep in the hub's live cache, so no engine is asked.
 */
export async function listContainerFindings(user: SessionUser): Promise<ContainerFindings[]> {
  const hub = getAgentHub();
  const rows: ContainerFindings[] = [];
  for (const host of await listHostAccess(user)) {
    for (const c of hub.containers.list(host.id)) {
      const scored = c.security ? findingsOf(c.security) : null;
      rows.push({
        hostId: host.id,
        hostName: host.name,
        role: host.role,
        id: c.id,
        name: c.name,
        image: c.image,
        state: c.state,
        findings: scored?.findings ?? null,
        risk: scored?.risk ?? 0,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      b.risk - a.risk || a.hostName.localeCompare(b.hostName) || a.name.localeCompare(b.name),
  );
}
