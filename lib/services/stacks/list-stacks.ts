import type { ComposeProjectSummary } from "@/lib/protocol";
import { db } from "@/lib/db";
import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";
import type { StackRow } from "./stack-row";
import { STACK_ROW_SELECT, toStackRow } from "./stack-view";

/** A list waits this long for each host's projects; a slower host's stacks show `unknown`. */
const LIST_TIMEOUT_MS = 5_000;

/** The projects running on a host by their compose labels; null when the host cannot say. */
export async function readHostProjects(hostId: string): Promise<ComposeProjectSummary[] | null> {
  const hub = getAgentHub();
  if (!hub.isOnline(hostId)) return null;
  try {
    const { projects } = await hub.call(hostId, "compose.list", {}, { timeoutMs: LIST_TIMEOUT_MS });
    return projects;
  } catch {
    return null;
  }
}

/**
 * Every stack on every host the caller may read: the saved ones, with what runs under their name,
 * and the projects found on the hosts by their labels that no saved stack names (id null,
 * adoptable). Hosts are asked at once; an offline or failing host's saved stacks show `unknown`.
 */
export async function listStacks(user: SessionUser): Promise<{ stacks: StackRow[] }> {
  const hub = getAgentHub();
  const hosts = (await listHostAccess(user)).filter((h) => roleAllows(h.role, "stack.read"));
  const saved = await db.stack.findMany({
    where: { hostId: { in: hosts.map((h) => h.id) } },
    select: STACK_ROW_SELECT,
    orderBy: { name: "asc" },
  });
  const rows = await Promise.all(
    hosts.map(async (entry) => {
      const host = { id: entry.id, name: entry.name, online: hub.isOnline(entry.id) };
      const projects = await readHostProjects(entry.id);
      const known = projects !== null;
      const byName = new Map((projects ?? []).map((p) => [p.name, p]));
      const mine = saved.filter((s) => s.hostId === entry.id);
      const names = new Set(mine.map((s) => s.name));
      return [
        ...mine.map((s) => toStackRow(host, s, byName.get(s.name) ?? null, known)),
        ...(projects ?? [])
          .filter((p) => !names.has(p.name))
          .map((p) => toStackRow(host, null, p, true)),
      ];
    }),
  );
  return {
    stacks: rows
      .flat()
      .sort((a, b) => a.hostName.localeCompare(b.hostName) || a.name.localeCompare(b.name)),
  };
}
