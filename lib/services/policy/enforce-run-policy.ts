import { BerthError, type PolicyViolation, type RunSpec } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import { evaluatePolicy } from "@/lib/policy/evaluate-policy";
import { joinedContainerViolations } from "./existing-container-violations";
import { getEffectivePolicy } from "./get-effective-policy";
import { resolveOnHost } from "./resolve-on-host";

/** What the gate lets through: the spec with host paths as the host resolved them. */
export type CheckedRun = { spec: RunSpec; allowProtectedPaths: boolean };

/** A refusal that carries every violation; the first one is the error's own field and message. */
export function policyRefusal(violations: readonly PolicyViolation[]): BerthError {
  const [first, ...more] = violations;
  if (!first) throw new Error("policyRefusal needs at least one violation");
  const tail = more.length
    ? ` ${more.length} more ${more.length === 1 ? "setting is" : "settings are"} refused too.`
    : "";
  return new BerthError("FORBIDDEN", `${first.message}${tail}`, first.field, {
    violations: [...violations],
  });
}

/**
 * The one policy gate for every path that creates or changes a container: bind sources, device
 * paths and named volumes are resolved by the host's agent, the spec is checked against the
 * host's effective policy for the caller's role, and a refused spec throws with every violation.
 * The container must then be created from the returned spec, so what is mounted is what was
 * checked even if a symlink is swapped in later. `bindRoots` are host folders binds may come from
 * besides the policy's own (a compose stack's folder, which holds only the stack's files); a bind
 * is judged by where it really leads, so a symlink out of such a folder is still refused.
 */
export async function enforceRunPolicy(
  hostId: string,
  role: HostRoleName,
  spec: RunSpec,
  options: { bindRoots?: readonly string[] } = {},
): Promise<CheckedRun> {
  const effective = await getEffectivePolicy(hostId);
  const policy = options.bindRoots?.length
    ? { ...effective, allowedBindPaths: [...effective.allowedBindPaths, ...options.bindRoots] }
    : effective;
  const host = await resolveOnHost(
    hostId,
    [...spec.binds.map((b) => b.source), ...spec.devices.map((d) => d.hostPath)],
    spec.volumes.map((v) => v.name),
  );
  const resolved: RunSpec = {
    ...spec,
    binds: spec.binds.map((b) => ({ ...b, source: host.real(b.source) })),
    devices: spec.devices.map((d) => {
      const real = host.real(d.hostPath);
      // the container keeps seeing the device where it asked for it
      return real === d.hostPath
        ? d
        : { ...d, hostPath: real, containerPath: d.containerPath ?? d.hostPath };
    }),
  };
  const subject = {
    ...resolved,
    binds: resolved.binds.map((b, i) => ({ source: b.source, requested: spec.binds[i]?.source })),
  };
  const violations = [
    ...evaluatePolicy(subject, policy, role, host.facts),
    ...(await joinedContainerViolations(hostId, subject, policy, role)),
  ];
  if (violations.length > 0) throw policyRefusal(violations);
  return { spec: resolved, allowProtectedPaths: policy.allowProtectedPaths };
}
