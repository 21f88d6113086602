import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { CancelOnboardingRequestSchema } from "@/lib/protocol";
import { cancelCall } from "@/lib/services/calls/cancel-call";

/**
 * Cancels the caller's own onboarding run by the callId it was started with: the run closes its
 * SSH connection, revokes the token it minted and records the cancel in its audit entry.
 */
export function cancelOnboarding(user: SessionUser, body: unknown): void {
  requireGlobalPermission(user, "hosts.add");
  const { callId } = CancelOnboardingRequestSchema.parse(body);
  cancelCall(user, callId);
}
