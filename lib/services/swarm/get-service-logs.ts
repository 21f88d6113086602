import { z } from "zod";
import { BerthError, type ServiceLogLine } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { readServiceSwarm, requireServiceHosts } from "./require-service-hosts";

export const ServiceLogQuerySchema = z.object({
  service: z.string().min(1).max(64),
  tail: z.coerce.number().int().min(1).max(5000).default(200),
});

/**
 * The last lines of every task of a service merged in time order, each with the host its task
 * ran on. Needs container.logs on every host the service may run on.
 */
export async function getServiceLogs(
  user: SessionUser,
  hostId: string,
  input: unknown,
): Promise<{ lines: Array<ServiceLogLine & { hostName: string | null }> }> {
  const query = ServiceLogQuerySchema.parse(input);
  const hub = getAgentHub();
  const { manager } = await readServiceSwarm(user, hostId, "container.logs");
  const { service } = await hub
    .call(manager.hostId, "service.inspect", { id: query.service })
    .catch((err: unknown) => {
      if (err instanceof BerthError && err.code === "NOT_FOUND") {
        throw new BerthError("NOT_FOUND", `The swarm has no service ${query.service}.`);
      }
      throw err;
    });
  const { nodes } = await requireServiceHosts(
    user,
    hostId,
    "container.logs",
    () => service.constraints,
  );
  const { lines } = await hub.call(manager.hostId, "service.logs", {
    id: service.id,
    tail: query.tail,
  });
  return {
    lines: lines.map((line) => ({
      ...line,
      hostName: nodes.find((n) => n.id === line.nodeId)?.hostName ?? null,
    })),
  };
}
