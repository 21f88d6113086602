import type { Progress } from "@/lib/protocol";
import { cancellable } from "@/lib/hub/cancellable-calls";
import { progressTo } from "@/lib/hub/progress-relay";

export type TrackedCall = {
  /** Sends the call's progress to the user's open tabs; undefined when the browser gave no id. */
  onProgress: ((progress: Progress) => void) | undefined;
  /** Aborted when the same user cancels the call by its id. */
  signal: AbortSignal | undefined;
  /** Forget the call once it is over. */
  release: () => void;
};

/**
 * A long command (create with a pull, pull, push, build) the browser tagged with `callId`: its
 * progress reaches that user's tabs and the same user may cancel it by the id while it runs.
 */
export function trackCall(userId: string, callId: unknown): TrackedCall {
  const { signal, release } = cancellable(userId, callId);
  return { onProgress: progressTo(userId, callId), signal, release };
}
