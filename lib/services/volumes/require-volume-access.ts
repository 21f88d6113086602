import { BerthError } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission, HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { evaluatePolicy, ruleNames, type PolicySubject } from "@/lib/policy/evaluate-policy";
import { readServerConfig } from "@/lib/server/config";
import { getEffectivePolicy } from "@/lib/services/policy/get-effective-policy";
import { resolveOnHost } from "@/lib/services/policy/resolve-on-host";

/** A policy subject that asks for nothing: the checks below add what they are about. */
export const NOTHING: PolicySubject = {
  privileged: false,
  capAdd: [],
  networks: [],
  devices: [],
  sysctls: {},
  securityOpt: [],
  binds: [],
  volumes: [],
};

/** What every command with a helper container carries. */
export type HelperParams = { helperImage: string; allowProtectedPaths: boolean };

export type VolumeAccess = { role: HostRoleName; helper: HelperParams };

/**
 * The permission on the host and, for a volume that is a bind of a host directory (a local
 * volume with a device), the role that could bind that directory: its files are the host's, and
 * reading or writing them through Berth must need what a container binding them would.
 * Returns the role and the helper settings (image, whether protected paths may be mounted).
 */
export async function requireVolumeAccess(
  user: SessionUser,
  hostId: string,
  volume: string,
  permission: HostPermission,
): Promise<VolumeAccess> {
  const { role } = await requireHostPermission(user, hostId, permission);
  const policy = await getEffectivePolicy(hostId);
  const host = await resolveOnHost(hostId, [], [volume]);
  const violations = evaluatePolicy(
    { ...NOTHING, volumes: [{ name: volume }] },
    policy,
    role,
    host.facts,
  );
  if (violations.length > 0) {
    throw new BerthError(
      "FORBIDDEN",
      `This volume is a bind of a host directory, and opening it needs a role that could bind that directory (refused by the host's security policy: ${ruleNames(violations).join(", ")}); your role here is ${role}. ${violations[0]!.message}`,
      undefined,
      { violations: violations.map((v) => ({ ...v, field: "name" })) },
    );
  }
  return {
    role,
    helper: {
      helperImage: readServerConfig().helperImage,
      allowProtectedPaths: policy.allowProtectedPaths,
    },
  };
}
