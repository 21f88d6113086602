import { BerthError, ServiceSpecSchema, type PolicyViolation } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { enforceRunPolicy, policyRefusal } from "@/lib/services/policy/enforce-run-policy";
import { requireServiceHosts } from "./require-service-hosts";
import { placementConstraints, runSpecOfService } from "./service-placement";

export type CreatedService = { id: string; name: string; hosts: string[]; warnings: string[] };

/**
 * `docker service create` in the swarm `hostId` is in. The spec goes through the host security
 * policy of every host the service may run on, for the caller's role there, like the run form:
 * a refusal lists every violation, each naming its host. Needs container.create on those hosts.
 */
export async function createService(
  user: SessionUser,
  hostId: string,
  input: unknown,
  clientAddress?: string,
): Promise<CreatedService> {
  const spec = ServiceSpecSchema.parse(input);
  const { secrets, configs, env, ...shown } = spec;
  return audited(
    {
      actor: user,
      action: "service.create",
      hostId,
      target: spec.name,
      params: {
        ...shown,
        env: env.map((e) => e.key),
        secrets: secrets.map((s) => s.name),
        configs: configs.map((c) => c.name),
      },
      clientAddress,
    },
    async () => {
      const { manager, targets, constraints } = await requireServiceHosts(
        user,
        hostId,
        "container.create",
        (nodes) => placementConstraints(spec, nodes),
      );
      const violations: PolicyViolation[] = [];
      for (const target of targets) {
        try {
          await enforceRunPolicy(target.hostId, target.role, runSpecOfService(spec));
        } catch (err) {
          if (!(err instanceof BerthError) || !err.violations) throw err;
          violations.push(
            ...err.violations.map((v) => ({
              ...v,
              message: `On ${target.hostName}: ${v.message}`,
            })),
          );
        }
      }
      if (violations.length > 0) throw policyRefusal(violations);
      const created = await getAgentHub().call(manager.hostId, "service.create", {
        spec,
        constraints,
      });
      return {
        id: created.id,
        name: spec.name,
        hosts: targets.map((t) => t.hostName),
        warnings: created.warnings,
      };
    },
  );
}
