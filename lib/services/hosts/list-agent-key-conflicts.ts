import { db } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { AGENT_KEY_CONFLICT_ACTIONS } from "./record-agent-key-conflict";

const SHOWN_DAYS = 30;

/** A connection that presented this host's key while another one held it, for its host admins. */
export type AgentKeyConflictView = {
  at: number;
  outcome: "refused" | "replaced";
  /** Where the newcomer came from, and the live connection it met. */
  address: string | null;
  liveAddress: string | null;
};

/** The host's latest key conflicts of the last 30 days, newest first (a few). */
export async function listAgentKeyConflicts(
  user: SessionUser,
  hostId: string,
): Promise<AgentKeyConflictView[]> {
  await requireHostPermission(user, hostId, "host.manage");
  const rows = await db.auditEvent.findMany({
    where: {
      hostId,
      action: { in: [...AGENT_KEY_CONFLICT_ACTIONS] },
      at: { gte: new Date(Date.now() - SHOWN_DAYS * 24 * 60 * 60_000) },
    },
    orderBy: { id: "desc" },
    take: 5,
  });
  return rows.map((row) => {
    const params = (row.params ?? {}) as { liveAddress?: string; replacedAddress?: string };
    return {
      at: row.at.getTime(),
      outcome: row.action === "host.agent.refused" ? "refused" : "replaced",
      address: row.clientAddress,
      liveAddress: params.liveAddress ?? params.replacedAddress ?? null,
    };
  });
}
