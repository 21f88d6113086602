import { RunSpecSchema, type Progress } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withEngineErrorField } from "./engine-error-field";
import { auditableSpec, requireRunPermissions } from "./require-run-permissions";

// Includes pulling a missing image, which can take long on a slow registry.
const CREATE_TIMEOUT_MS = 30 * 60_000;

export type CreateOptions = { onProgress?: (progress: Progress) => void; clientAddress?: string };

/** The new container, and what the engine warned about while creating it. */
export type CreatedContainer = { id: string; name: string; warnings: string[] };

/** `docker run` on one host: validated, guarded by role and the host's security policy, audited. */
export async function createContainer(
  user: SessionUser,
  hostId: string,
  input: unknown,
  options: CreateOptions = {},
): Promise<CreatedContainer> {
  const spec = RunSpecSchema.parse(input);
  return audited(
    {
      actor: user,
      action: "container.create",
      hostId,
      target: spec.name ?? spec.image,
      params: auditableSpec(spec) as never,
      clientAddress: options.clientAddress,
    },
    async () => {
      const checked = await requireRunPermissions(user, hostId, spec);
      try {
        return await getAgentHub().call(
          hostId,
          "container.create",
          { spec: checked.spec, allowProtectedPaths: checked.allowProtectedPaths },
          { timeoutMs: CREATE_TIMEOUT_MS, onProgress: options.onProgress },
        );
      } catch (err) {
        throw withEngineErrorField(err);
      }
    },
  );
}
