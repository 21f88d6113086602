import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { findChannel } from "./alert-channel-view";

/** Removes a channel (administrators): rules stop sending to it, its delivery log goes with it. */
export async function deleteAlertChannel(
  user: SessionUser,
  channelId: string,
  clientAddress?: string,
): Promise<{ ok: true }> {
  return audited(
    { actor: user, action: "alert.channel.delete", target: channelId, clientAddress },
    async () => {
      requireGlobalPermission(user, "alerts.manage");
      await findChannel(channelId);
      await db.alertChannel.delete({ where: { id: channelId } });
      return { ok: true as const };
    },
  );
}
