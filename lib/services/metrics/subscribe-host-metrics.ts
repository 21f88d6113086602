import type { HostSample } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

export type HostMetricsSubscription = {
  hostId: string;
  /** What the subscription was allowed by; it must end once the user no longer holds it. */
  permission: HostPermission;
  /**
   * The host's samples of the last minutes. Read them once new samples reach the subscriber, so
   * none falls between the two (a sample in both is told apart by its time).
   */
  recentSamples(): HostSample[];
  /** The host's agent goes back to sampling every 10 s once nobody watches; safe to call twice. */
  stop(): void;
};

/** Live samples of a host the user may see: its agent samples every second until `stop`. */
export async function subscribeHostMetrics(
  user: SessionUser,
  hostId: string,
): Promise<HostMetricsSubscription> {
  const permission = "host.read";
  await requireHostPermission(user, hostId, permission);
  const hub = getAgentHub();
  hub.watch(hostId);
  let watching = true;
  return {
    hostId,
    permission,
    recentSamples: () => hub.recentSamples(hostId),
    stop: () => {
      if (!watching) return;
      watching = false;
      hub.unwatch(hostId);
    },
  };
}
