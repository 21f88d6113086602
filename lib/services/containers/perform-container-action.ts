import { z } from "zod";
import {
  CommitParamsSchema,
  ContainerRefSchema,
  KillParamsSchema,
  RemoveParamsSchema,
  RenameParamsSchema,
  StopParamsSchema,
} from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withEngineErrorField } from "./engine-error-field";

export const CONTAINER_ACTIONS = [
  "start",
  "stop",
  "restart",
  "kill",
  "pause",
  "unpause",
  "rename",
  "remove",
  "commit",
] as const;
export type ContainerAction = (typeof CONTAINER_ACTIONS)[number];

const PERMISSION: Record<ContainerAction, HostPermission> = {
  start: "container.operate",
  stop: "container.operate",
  restart: "container.operate",
  kill: "container.operate",
  pause: "container.operate",
  unpause: "container.operate",
  rename: "container.operate",
  remove: "container.create",
  commit: "container.create",
};

// Stopping waits for the container's own timeout (up to an hour) before the engine answers.
const LONG_TIMEOUT_MS = 65 * 60_000;

async function run(
  hostId: string,
  action: ContainerAction,
  id: string,
  body: unknown,
): Promise<unknown> {
  const hub = getAgentHub();
  switch (action) {
    case "start":
    case "pause":
    case "unpause":
      return hub.call(hostId, `container.${action}`, { id });
    case "stop":
    case "restart":
      return hub.call(
        hostId,
        `container.${action}`,
        StopParamsSchema.parse({ ...(body as object), id }),
        {
          timeoutMs: LONG_TIMEOUT_MS,
        },
      );
    case "kill":
      return hub.call(
        hostId,
        "container.kill",
        KillParamsSchema.parse({ ...(body as object), id }),
      );
    case "rename":
      return hub.call(
        hostId,
        "container.rename",
        RenameParamsSchema.parse({ ...(body as object), id }),
      );
    case "remove":
      return hub.call(
        hostId,
        "container.remove",
        RemoveParamsSchema.parse({ ...(body as object), id }),
        {
          timeoutMs: LONG_TIMEOUT_MS,
        },
      );
    case "commit":
      return hub.call(
        hostId,
        "container.commit",
        CommitParamsSchema.parse({ ...(body as object), id }),
        {
          timeoutMs: LONG_TIMEOUT_MS,
        },
      );
  }
}

/** One lifecycle action on one container: guarded, sent through the host's agent, audited. */
export async function performContainerAction(
  user: SessionUser,
  hostId: string,
  containerId: string,
  action: ContainerAction,
  body: unknown,
  clientAddress?: string,
): Promise<unknown> {
  const id = ContainerRefSchema.parse(containerId);
  const params = z.record(z.string(), z.unknown()).parse(body ?? {});
  return audited(
    {
      actor: user,
      action: `container.${action}`,
      hostId,
      target: id,
      params: params as never,
      clientAddress,
    },
    async () => {
      await requireHostPermission(user, hostId, PERMISSION[action]);
      try {
        return await run(hostId, action, id, params);
      } catch (err) {
        throw withEngineErrorField(err);
      }
    },
  );
}
