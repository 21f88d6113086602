import { BerthError } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { cancelCall as abortCall } from "@/lib/hub/cancellable-calls";

/** Cancels one of the user's own running commands (pull, push, build) by the id it was started with. */
export function cancelCall(user: SessionUser, callId: string): void {
  if (!abortCall(user.id, callId)) {
    throw new BerthError("NOT_FOUND", "Nothing of yours is running by that id.");
  }
}
