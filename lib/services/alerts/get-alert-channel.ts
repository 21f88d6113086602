import { BerthError, type AlertChannelView } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { channelViewInclude, toAlertChannelView } from "./alert-channel-view";

/** One channel's settings, without secrets (administrators). */
export async function getAlertChannel(
  user: SessionUser,
  channelId: string,
): Promise<AlertChannelView> {
  requireGlobalPermission(user, "alerts.manage");
  const row = await db.alertChannel.findUnique({
    where: { id: channelId },
    include: channelViewInclude,
  });
  if (!row) throw new BerthError("NOT_FOUND", "No such alert channel.");
  return toAlertChannelView(row);
}
