import { BerthError } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { ruleNames } from "@/lib/policy/evaluate-policy";
import { existingContainerViolations } from "./existing-container-violations";
import { getEffectivePolicy } from "./get-effective-policy";

const ACTIONS = {
  "container.exec": "Opening a terminal in",
  "container.export": "Exporting",
} as const;

/**
 * Exec and export follow the container's power: besides the permission itself, a container that
 * is privileged, shares host namespaces, has added capabilities, devices or host binds needs the
 * role that could have created it on this host (its effective policy). Returns the caller's role.
 */
export async function requireContainerPower(
  user: SessionUser,
  hostId: string,
  containerRef: string,
  permission: keyof typeof ACTIONS,
) {
  const { role } = await requireHostPermission(user, hostId, permission);
  if (role === "HOST_ADMIN") return role;
  const violations = await existingContainerViolations(
    hostId,
    containerRef,
    await getEffectivePolicy(hostId),
    role,
  );
  if (violations.length === 0) return role;
  throw new BerthError(
    "FORBIDDEN",
    `${ACTIONS[permission]} this container needs a role that could have created it (refused by the host's security policy: ${ruleNames(violations).join(", ")}); your role here is ${role}. ${violations[0]!.message}`,
    undefined,
    { violations },
  );
}
