import { BerthError, type Progress } from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { requireStack, type StackWithRole } from "./require-stack";

/** Long stack commands: a deploy may build and pull; start, stop and down wait for every container. */
export const STACK_TIMEOUTS_MS = {
  plan: 120_000,
  up: 3600_000,
  lifecycle: 900_000,
  down: 900_000,
} as const;

export type StackCallOptions = {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  clientAddress?: string;
};

/**
 * An action on a saved stack with its one audit row (host and project name as the target): the
 * guard runs inside, so a refusal is recorded as DENIED. `params` may be filled in by the action
 * (what a deploy changed) before the row is written. Open stack lists reload afterwards.
 */
export async function auditedStack<T>(
  user: SessionUser,
  stackId: string,
  audit: { action: string; permission: HostPermission; params: Record<string, unknown> },
  clientAddress: string | undefined,
  run: (found: StackWithRole) => Promise<T>,
): Promise<T> {
  const ref = await db.stack.findUnique({
    where: { id: stackId },
    select: { hostId: true, name: true },
  });
  if (!ref) throw new BerthError("NOT_FOUND", "No such stack.");
  try {
    return await audited(
      {
        actor: user,
        action: audit.action,
        hostId: ref.hostId,
        target: ref.name,
        params: audit.params as Prisma.InputJsonObject,
        clientAddress,
      },
      async () => run(await requireStack(user, stackId, audit.permission)),
    );
  } finally {
    getAgentHub().stacksChanged(ref.hostId);
  }
}
