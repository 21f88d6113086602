import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { alertDeliveriesQueued } from "./delivery-worker";

/**
 * Sends a failed delivery again (administrators): it is pending at once and gets one more
 * attempt (its attempts so far stay counted, so a new failure marks it failed again).
 */
export async function retryAlertDelivery(
  user: SessionUser,
  deliveryId: string,
  clientAddress?: string,
): Promise<{ ok: true }> {
  return audited(
    { actor: user, action: "alert.delivery.retry", target: deliveryId, clientAddress },
    async () => {
      requireGlobalPermission(user, "alerts.manage");
      const row = await db.alertDelivery.findUnique({ where: { id: deliveryId } });
      if (!row) throw new BerthError("NOT_FOUND", "No such delivery.");
      const reset = await db.alertDelivery.updateMany({
        where: { id: deliveryId, status: "failed" },
        data: { status: "pending", nextAttemptAt: new Date() },
      });
      if (reset.count === 0)
        throw new BerthError("CONFLICT", "Only a failed delivery can be sent again.");
      alertDeliveriesQueued();
      return { ok: true as const };
    },
  );
}
