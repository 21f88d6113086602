import { BerthError } from "@/lib/protocol";
import { db, type Host, type Stack } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission, HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";

export type StackWithRole = { stack: Stack; host: Host; role: HostRoleName };

/**
 * A saved stack and the caller's role on its host, holding `permission` there. A stack on a host
 * the caller cannot see is "No such stack.", like one that does not exist.
 */
export async function requireStack(
  user: SessionUser,
  stackId: string,
  permission: HostPermission,
): Promise<StackWithRole> {
  const stack = await db.stack.findUnique({ where: { id: stackId } });
  if (!stack) throw new BerthError("NOT_FOUND", "No such stack.");
  try {
    const { host, role } = await requireHostPermission(user, stack.hostId, permission);
    return { stack, host, role };
  } catch (err) {
    if (err instanceof BerthError && err.code === "NOT_FOUND")
      throw new BerthError("NOT_FOUND", "No such stack.");
    throw err;
  }
}
