import { BerthError } from "@/lib/protocol";
import { roleAllows, type HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { listHostAccess, type HostAccessEntry } from "./list-host-access";

/** How one host's part of a fleet list went: offline, or online with the agent's error if any. */
export type FleetHostState = { id: string; name: string; online: boolean; error?: string };

/** A list gathered from many hosts: its rows, and how each host answered. */
export type FleetPage<Row> = { items: Row[]; hosts: FleetHostState[] };

/**
 * `rowsOf` of every host the user holds `permission` on (or of the one host asked for), asked
 * of the agents at once. A host that is offline or fails is listed with why, and its rows are
 * left out. Rows come in host order; the caller sorts them.
 */
export async function listAcrossHosts<Row>(
  user: SessionUser,
  { host, permission }: { host?: string; permission: HostPermission },
  rowsOf: (host: HostAccessEntry) => Promise<Row[]>,
): Promise<FleetPage<Row>> {
  const hub = getAgentHub();
  const hosts = (await listHostAccess(user)).filter(
    (h) => (!host || h.id === host) && roleAllows(h.role, permission),
  );
  // one host asked for by id: a host the user cannot see does not exist for them
  if (host && hosts.length === 0) throw new BerthError("NOT_FOUND", "No such host.");
  const answers = await Promise.all(
    hosts.map(async (entry): Promise<{ state: FleetHostState; rows: Row[] }> => {
      const state = { id: entry.id, name: entry.name, online: hub.isOnline(entry.id) };
      if (!state.online) return { state, rows: [] };
      try {
        return { state, rows: await rowsOf(entry) };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        return { state: { ...state, error }, rows: [] };
      }
    }),
  );
  return { items: answers.flatMap((a) => a.rows), hosts: answers.map((a) => a.state) };
}
