import type { AgentKeyConflict } from "@/lib/hub/agent-hub";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { recordUnauthenticatedAudit } from "@/lib/services/audit/record-unauthenticated-audit";

/** The audit actions of the two ways a host key can meet itself; the host page lists them. */
export const AGENT_KEY_CONFLICT_ACTIONS = ["host.agent.refused", "host.agent.replaced"] as const;

/**
 * Audits a connection that proved a host's key while another one of that host was live. A
 * refused newcomer means two parties hold the key (the agent restarting does not do this): the
 * host admin should revoke it and re-enrol. A replacement is what a reconnect after a silent
 * network loss looks like, and also what a stolen key used while the agent was down looks like.
 * Refusals are rate-limited like other refused attempts: a stolen key must not flood the log.
 */
export async function recordAgentKeyConflict(
  hostId: string,
  conflict: AgentKeyConflict,
): Promise<void> {
  const entry = {
    actor: { label: `agent@${conflict.newcomerAddress ?? "unknown address"}` },
    hostId,
    clientAddress: conflict.newcomerAddress,
  };
  if (conflict.outcome === "refused") {
    await recordUnauthenticatedAudit({
      ...entry,
      action: "host.agent.refused",
      outcome: "DENIED",
      error: "another connection with this host's key is live and answered: the key may be stolen",
      params: { liveAddress: conflict.liveAddress },
    });
    return;
  }
  // The connection it replaced held the key and did not answer in time.
  await recordAudit({
    ...entry,
    action: "host.agent.replaced",
    outcome: "SUCCESS",
    params: { replacedAddress: conflict.liveAddress },
  });
}
