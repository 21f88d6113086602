import type { ContainerStatsSample } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

export type ContainerStatsSubscription = {
  hostId: string;
  /** What the subscription was allowed by; it must end once the user no longer holds it. */
  permission: HostPermission;
  /** The samples of the last minutes, oldest first. */
  recent: ContainerStatsSample[];
  stop(): void;
};

/**
 * Live stats of one container, one sample a second, for a user who may read it; `onEnd` is told
 * when the stream ends by itself (container removed, host offline).
 */
export async function subscribeContainerStats(
  user: SessionUser,
  hostId: string,
  containerId: string,
  onSample: (sample: ContainerStatsSample) => void,
  onEnd: (message?: string) => void,
): Promise<ContainerStatsSubscription> {
  const permission = "container.read";
  await requireHostPermission(user, hostId, permission);
  const { recent, stop } = await getAgentHub().statsFanout.subscribe(
    hostId,
    containerId,
    onSample,
    onEnd,
  );
  return { hostId, permission, recent, stop };
}
