import type { ContainerState } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { findingsOf, type Finding, type FindingCategory } from "@/lib/containers/security-findings";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";

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
