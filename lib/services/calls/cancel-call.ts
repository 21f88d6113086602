import { BerthError } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { cancelCall as abortCall } from "@/lib/hub/cancellable-calls";

/** Cancels one of the user's own running commands (pull, push, build, SSH onboarding) by its id. */
export function cancelCall(user: SessionUser, callId: string): void {
  if (!abortCall(user.id, callId)) {
    throw new BerthError("NOT_FOUND", "Nothing of yours is running by that id.");
  }
}
