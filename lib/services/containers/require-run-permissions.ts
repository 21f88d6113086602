import { BerthError, type RunSpec } from "@/lib/protocol";
import { isSensitiveHostPath } from "@/lib/containers/security-summary";
import { effectiveHostRole } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";

/**
 * Creating needs the deployer role; a privileged container or a bind mount of a sensitive host
 * path (/, /etc, the Docker socket, ...) hands over the host itself, so those need host admin.
 */
export async function requireRunPermissions(
  user: SessionUser,
  hostId: string,
  spec: RunSpec,
): Promise<void> {
  const role = await effectiveHostRole(user, hostId);
  if (role === null) throw new BerthError("NOT_FOUND", "No such host.");
  if (!roleAllows(role, "container.create")) {
    throw new BerthError(
      "FORBIDDEN",
      `Your role on this host (${role}) cannot create containers; it needs DEPLOYER.`,
    );
  }
  if (roleAllows(role, "container.privileged")) return;
  if (spec.privileged) {
    throw new BerthError(
      "FORBIDDEN",
      "Privileged mode gives the container the whole host: only host admins may use it.",
      "privileged",
    );
  }
  const sensitive = spec.binds.find((b) => isSensitiveHostPath(b.source));
  if (sensitive) {
    throw new BerthError(
      "FORBIDDEN",
      `Mounting ${sensitive.source} from the host gives the container control of the host: only host admins may do it.`,
      "binds",
    );
  }
}

/** What the audit log keeps of a run spec: everything but environment values, which may be secrets. */
export function auditableSpec(spec: RunSpec): Record<string, unknown> {
  return { ...spec, env: spec.env.map((e) => e.key) };
}
