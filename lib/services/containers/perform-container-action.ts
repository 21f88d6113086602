import { z } from "zod";
import { ContainerRefSchema } from "@/lib/protocol";
import {
  CONTAINER_ACTIONS,
  containerActionTimeoutMs,
  type ContainerAction,
} from "@/lib/containers/container-actions";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withEngineErrorField } from "./engine-error-field";

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
      await requireHostPermission(user, hostId, CONTAINER_ACTIONS[action].permission);
      try {
        return await getAgentHub().call(
          hostId,
          `container.${action}`,
          CONTAINER_ACTIONS[action].params.parse({ ...params, id }),
          { timeoutMs: containerActionTimeoutMs(action) },
        );
      } catch (err) {
        throw withEngineErrorField(err);
      }
    },
  );
}
