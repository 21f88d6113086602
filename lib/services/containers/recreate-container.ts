import { ContainerRefSchema, RunSpecSchema } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withEngineErrorField } from "./engine-error-field";
import type { CreatedContainer, CreateOptions } from "./create-container";
import { auditableSpec, requireRunPermissions } from "./require-run-permissions";

const RECREATE_TIMEOUT_MS = 30 * 60_000;

/** Edit: replaces a container with one made from a changed spec, keeping the old until the new runs. */
export async function recreateContainer(
  user: SessionUser,
  hostId: string,
  containerId: string,
  input: unknown,
  options: CreateOptions = {},
): Promise<CreatedContainer> {
  const id = ContainerRefSchema.parse(containerId);
  const spec = RunSpecSchema.parse(input);
  return audited(
    {
      actor: user,
      action: "container.recreate",
      hostId,
      target: id,
      params: auditableSpec(spec) as never,
      clientAddress: options.clientAddress,
    },
    async () => {
      const checked = await requireRunPermissions(user, hostId, spec);
      try {
        return await getAgentHub().call(
          hostId,
          "container.recreate",
          { id, spec: checked.spec, allowProtectedPaths: checked.allowProtectedPaths },
          { timeoutMs: RECREATE_TIMEOUT_MS, onProgress: options.onProgress },
        );
      } catch (err) {
        throw withEngineErrorField(err);
      }
    },
  );
}
