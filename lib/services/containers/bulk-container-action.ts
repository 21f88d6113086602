import { z } from "zod";
import { BerthError } from "@/lib/protocol";
import { BULK_CONTAINER_ACTIONS } from "@/lib/containers/container-actions";
import type { SessionUser } from "@/lib/auth/session-user";
import { performContainerAction } from "./perform-container-action";

export const BulkActionSchema = z.object({
  action: z.enum(BULK_CONTAINER_ACTIONS),
  targets: z
    .array(z.object({ hostId: z.string().min(1).max(100), id: z.string().min(1).max(128) }))
    .min(1, "Select at least one container.")
    .max(500, "Select at most 500 containers at once."),
  force: z.boolean().default(false),
});

export type BulkResult = {
  hostId: string;
  id: string;
  ok: boolean;
  error?: string;
  code?: string;
};

const PARALLEL = 8;

/** The same action on many containers, a few at a time; each result says what happened to it. */
export async function bulkContainerAction(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<BulkResult[]> {
  const { action, targets, force } = BulkActionSchema.parse(input);
  const body = action === "remove" ? { force } : {};
  const results: BulkResult[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      try {
        await performContainerAction(user, target.hostId, target.id, action, body, clientAddress);
        results[index] = { ...target, ok: true };
      } catch (err) {
        const message =
          err instanceof BerthError ? err.message : "Something went wrong on the server.";
        const code = err instanceof BerthError ? err.code : "INTERNAL";
        results[index] = { ...target, ok: false, error: message, code };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, targets.length) }, worker));
  return results;
}
