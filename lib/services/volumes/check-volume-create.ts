import { volumeHostPaths, type PolicyViolation, type VolumeCreate } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import { evaluatePolicy } from "@/lib/policy/evaluate-policy";
import { policyRefusal } from "@/lib/services/policy/enforce-run-policy";
import { getEffectivePolicy } from "@/lib/services/policy/get-effective-policy";
import { resolveOnHost } from "@/lib/services/policy/resolve-on-host";
import { NOTHING } from "./require-volume-access";

/** What may be created: the options with the device as the host resolved it. */
export type CheckedVolume = { params: VolumeCreate; allowProtectedPaths: boolean };

/**
 * A local volume with `device=<host path>` (type=none, o=bind, or a block device) or overlay
 * directories is a bind mount of host paths in disguise: each path is resolved on the host by its
 * agent and must pass the host security policy's bind rules for the caller's role (and the
 * agent's protected paths), exactly as a container binding it would. The volume is created with
 * the resolved device, so what is mounted later is what was checked.
 */
export async function checkVolumeCreate(
  hostId: string,
  role: HostRoleName,
  params: VolumeCreate,
): Promise<CheckedVolume> {
  const policy = await getEffectivePolicy(hostId);
  const paths = volumeHostPaths(params.driver, params.driverOpts);
  if (paths.length === 0) return { params, allowProtectedPaths: policy.allowProtectedPaths };
  const host = await resolveOnHost(hostId, paths, []);
  const violations: PolicyViolation[] = paths.flatMap((path) => {
    const field = path === params.driverOpts.device ? "driverOpts.device" : "driverOpts.o";
    return evaluatePolicy(
      { ...NOTHING, binds: [{ source: host.real(path), requested: path }] },
      policy,
      role,
      host.facts,
    ).map((v) => ({
      ...v,
      field,
      message: `A volume with the option ${field === "driverOpts.device" ? `device=${path}` : `o=…${path}…`} is a bind mount of that host path. ${v.message}`,
    }));
  });
  if (violations.length > 0) throw policyRefusal(violations);
  const device = params.driverOpts.device;
  const driverOpts =
    device !== undefined && paths.includes(device)
      ? { ...params.driverOpts, device: host.real(device) }
      : params.driverOpts;
  return {
    params: { ...params, driverOpts },
    allowProtectedPaths: policy.allowProtectedPaths,
  };
}
