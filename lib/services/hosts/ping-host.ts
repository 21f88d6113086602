import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

/** Asks the host's engine to answer through its agent; measures the whole path. */
export async function pingHost(
  user: SessionUser,
  hostId: string,
): Promise<{ roundTripMs: number }> {
  await requireHostPermission(user, hostId, "host.read");
  const started = performance.now();
  await getAgentHub().call(hostId, "engine.ping", {}, { timeoutMs: 10_000 });
  return { roundTripMs: performance.now() - started };
}
