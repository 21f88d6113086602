import { BerthError, ServiceUpdateSchema, SwarmIdSchema } from "@/lib/protocol";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { readServiceSwarm, requireServiceHosts } from "./require-service-hosts";

const ServiceRefSchema = SwarmIdSchema.or(
  z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, "Not a service id or name."),
);

export type ServiceChange =
  { kind: "update"; change: unknown } | { kind: "rollback" } | { kind: "remove" };

const ACTIONS = {
  update: "service.update",
  rollback: "service.rollback",
  remove: "service.remove",
};

/**
 * Scale, roll out a new image or change the update policy (`update`), roll back to the spec
 * before the last update, or remove a service. Needs container.create on every host the service
 * may run on under its placement, and on the manager. An unknown service is NOT_FOUND.
 */
export async function changeService(
  user: SessionUser,
  hostId: string,
  serviceRef: unknown,
  request: ServiceChange,
  clientAddress?: string,
): Promise<{ ok: true; warnings: string[] }> {
  const id = ServiceRefSchema.parse(serviceRef);
  const change = request.kind === "update" ? ServiceUpdateSchema.parse(request.change) : undefined;
  return audited(
    {
      actor: user,
      action: ACTIONS[request.kind],
      hostId,
      target: id,
      params: change,
      clientAddress,
    },
    async () => {
      const hub = getAgentHub();
      const { manager } = await readServiceSwarm(user, hostId, "container.create");
      const { service } = await hub
        .call(manager.hostId, "service.inspect", { id })
        .catch((err: unknown) => {
          if (err instanceof BerthError && err.code === "NOT_FOUND") {
            throw new BerthError("NOT_FOUND", `The swarm has no service ${id}.`);
          }
          throw err;
        });
      await requireServiceHosts(user, hostId, "container.create", () => service.constraints);
      if (request.kind === "update") {
        const { warnings } = await hub.call(manager.hostId, "service.update", {
          id: service.id,
          change: change ?? {},
        });
        return { ok: true as const, warnings };
      }
      if (request.kind === "rollback") {
        await hub.call(manager.hostId, "service.rollback", { id: service.id });
      } else {
        await hub.call(manager.hostId, "service.remove", { id: service.id });
      }
      return { ok: true as const, warnings: [] };
    },
  );
}
