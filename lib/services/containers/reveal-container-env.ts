import { ContainerRefSchema } from "@/lib/protocol";
import { hasCredentialsInValue, isSecretEnvName } from "@/lib/containers/secret-env";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";

/** A container's environment with secrets shown; reading secrets is audited. */
export async function revealContainerEnv(
  user: SessionUser,
  hostId: string,
  containerId: string,
  clientAddress?: string,
): Promise<Array<{ name: string; value: string; secret: boolean }>> {
  const id = ContainerRefSchema.parse(containerId);
  return audited(
    { actor: user, action: "container.env.reveal", hostId, target: id, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "container.secrets");
      const { inspect } = await getAgentHub().call(hostId, "container.inspect", { id });
      const env = ((inspect as { Config?: { Env?: string[] } }).Config?.Env ?? []).map((line) => {
        const eq = line.indexOf("=");
        const name = eq < 0 ? line : line.slice(0, eq);
        const value = eq < 0 ? "" : line.slice(eq + 1);
        return { name, value, secret: isSecretEnvName(name) || hasCredentialsInValue(value) };
      });
      return env;
    },
  );
}
