import type { LogOptions, LogResume } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import type { LogDelivery } from "@/lib/hub/log-fanout";

export type ContainerLogSubscription = {
  hostId: string;
  /** What the subscription was allowed by; it must end once the user no longer holds it. */
  permission: HostPermission;
  /** Stops delivering; the subscriber is told `reason` (and `message`) through its delivery. */
  stop(reason?: "ended" | "error", message?: string): void;
};

/** Follows one container's log (or resumes an earlier view of it) for a user who may read it. */
export async function subscribeContainerLogs(
  user: SessionUser,
  hostId: string,
  options: LogOptions,
  resume: LogResume | undefined,
  delivery: LogDelivery,
): Promise<ContainerLogSubscription> {
  const permission = "container.logs";
  await requireHostPermission(user, hostId, permission);
  const stop = await getAgentHub().logFanout.subscribe(hostId, options, resume, delivery);
  return { hostId, permission, stop };
}
