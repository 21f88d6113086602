import { BerthError, type RunSpec } from "@/lib/protocol";
import { effectiveHostRole } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { enforceRunPolicy, type CheckedRun } from "@/lib/services/policy/enforce-run-policy";

/**
 * Creating needs the deployer role, and the container must pass the host's security policy for
 * the caller's role (host admins only its protected paths). Returns the spec to create, with host
 * paths as the host resolved them.
 */
export async function requireRunPermissions(
  user: SessionUser,
  hostId: string,
  spec: RunSpec,
): Promise<CheckedRun> {
  const role = await effectiveHostRole(user, hostId);
  if (role === null) throw new BerthError("NOT_FOUND", "No such host.");
  if (!roleAllows(role, "container.create")) {
    throw new BerthError(
      "FORBIDDEN",
      `Your role on this host (${role}) cannot create containers; it needs DEPLOYER.`,
    );
  }
  return enforceRunPolicy(hostId, role, spec);
}

/** What the audit log keeps of a run spec: everything but environment values, which may be secrets. */
export function auditableSpec(spec: RunSpec): Record<string, unknown> {
  return { ...spec, env: spec.env.map((e) => e.key) };
}
