import path from "node:path";
import { BerthError, type ComposePlan, type PolicyViolation } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import { enforceNetworkCreatePolicy } from "@/lib/services/policy/enforce-network-policy";
import { enforceRunPolicy, policyRefusal } from "@/lib/services/policy/enforce-run-policy";
import { checkVolumeCreate } from "@/lib/services/volumes/check-volume-create";

/** One setting of a planned stack the host's policy refuses, named by service (or network, volume). */
export type StackRefusal = { service: string; field: string; message: string; rule: string };

export type JudgedPlan = {
  /** The plan with every spec as checked: bind sources and volume devices as the host resolved them. */
  plan: ComposePlan;
  refusals: StackRefusal[];
  /** The host's policy lets containers bind the agent's protected paths. */
  allowProtectedPaths: boolean;
};

/** Policy refusals become refusals by service; anything else (host offline) is no verdict and is rethrown. */
function violationsOf(err: unknown): PolicyViolation[] {
  if (err instanceof BerthError && err.violations?.length) return err.violations;
  throw err;
}

/**
 * The stack's folder as the agent says it will write it: an absolute, normalised path whose last
 * part is the project, so the folder binds may come from is this project's own and no wider.
 */
function stackFolder(plan: ComposePlan): string {
  const dir = plan.workingDir;
  if (path.posix.normalize(dir) !== dir || path.posix.basename(dir) !== plan.project)
    throw new BerthError(
      "ENGINE_ERROR",
      `The host's agent planned the stack in ${dir}, which is not a folder of its own.`,
      undefined,
      { external: true },
    );
  return dir;
}

/**
 * Judges a compiled plan as the run form, the network form and the volume form would judge each
 * part: every service's run spec with the host security policy (binds from the stack's own folder
 * allowed, resolved on the host), every network to create with the network policy, every
 * bind-like local volume like a bind. Refusals are collected, not thrown, so a preview can show
 * them all; `requireAccepted` throws the first.
 */
export async function judgeStackPlan(
  hostId: string,
  role: HostRoleName,
  plan: ComposePlan,
): Promise<JudgedPlan> {
  const refusals: StackRefusal[] = [];
  let allowProtectedPaths = false;
  const bindRoots = [stackFolder(plan)];
  const services = [];
  for (const service of plan.services) {
    try {
      const checked = await enforceRunPolicy(hostId, role, service.spec, { bindRoots });
      services.push({ ...service, spec: checked.spec });
      allowProtectedPaths = checked.allowProtectedPaths;
    } catch (err) {
      for (const v of violationsOf(err))
        refusals.push({ service: service.name, field: v.field, message: v.message, rule: v.rule });
      services.push(service);
    }
  }
  for (const network of plan.networks) {
    if (network.external || !network.spec) continue;
    try {
      await enforceNetworkCreatePolicy(hostId, role, network.spec);
    } catch (err) {
      for (const v of violationsOf(err))
        refusals.push({
          service: `networks.${network.key}`,
          field: v.field,
          message: v.message,
          rule: v.rule,
        });
    }
  }
  const volumes = [];
  for (const volume of plan.volumes) {
    if (volume.external || !volume.spec) {
      volumes.push(volume);
      continue;
    }
    try {
      const checked = await checkVolumeCreate(hostId, role, volume.spec);
      volumes.push({ ...volume, spec: checked.params });
    } catch (err) {
      for (const v of violationsOf(err))
        refusals.push({
          service: `volumes.${volume.key}`,
          field: v.field,
          message: v.message,
          rule: v.rule,
        });
      volumes.push(volume);
    }
  }
  return { plan: { ...plan, services, volumes }, refusals, allowProtectedPaths };
}

/** A deploy stops at the first refusal, before the engine sees anything; the error names the service. */
export function requireAccepted(judged: JudgedPlan): ComposePlan {
  const [first] = judged.refusals;
  if (!first) return judged.plan;
  const violations = judged.refusals.map((r) => ({
    rule: r.rule,
    field: `${r.service}.${r.field}`,
    message: `${r.service}: ${r.message}`,
  }));
  throw policyRefusal(violations);
}
