import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { auditedStack } from "./audited-stack";
import { takeStackDown } from "./down-stack";
import { StackRemoveQuerySchema } from "./stack-input";

/**
 * Forgets a saved stack. With `down` it is taken down on the host first (and its volumes with
 * `volumes`); if that fails the stack is kept. Without it, what runs stays and the list shows it
 * again as a discovered project.
 */
export async function removeStack(
  user: SessionUser,
  stackId: string,
  query: unknown,
  clientAddress?: string,
): Promise<{ ok: true }> {
  const { down, volumes } = StackRemoveQuerySchema.parse(query);
  return auditedStack(
    user,
    stackId,
    {
      action: "stack.remove",
      permission: "stack.deploy",
      params: { down, volumes: down && volumes },
    },
    clientAddress,
    async ({ stack }) => {
      if (down) await takeStackDown(stack.hostId, stack.name, volumes);
      await db.stack.delete({ where: { id: stack.id } });
      return { ok: true as const };
    },
  );
}
