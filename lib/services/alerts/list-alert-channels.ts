import { BerthError, type AlertChannelView } from "@/lib/protocol";
import { db } from "@/lib/db";
import { granteeWhere } from "@/lib/auth/guard";
import { HOST_ROLES, roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import {
  channelViewInclude,
  toAlertChannelSummary,
  toAlertChannelView,
  type AlertChannelSummary,
} from "./alert-channel-view";

/** Administrators get every channel's settings; rule makers only names and types. */
export type AlertChannelList =
  | { canManage: true; channels: AlertChannelView[] }
  | { canManage: false; channels: AlertChannelSummary[] };

/** Whether the user holds alert.manage on some host (directly, through a team or a group). */
export async function mayMakeAlertRules(user: SessionUser): Promise<boolean> {
  if (user.role === "ADMIN") return true;
  const roles = HOST_ROLES.filter((role) => roleAllows(role, "alert.manage"));
  const grants = await db.hostAccess.count({
    where: { AND: [granteeWhere(user), { role: { in: [...roles] } }] },
  });
  return grants > 0;
}

/** The channels, for the channels page (administrators) and the rule form (rule makers). */
export async function listAlertChannels(user: SessionUser): Promise<AlertChannelList> {
  if (user.role === "ADMIN") {
    const rows = await db.alertChannel.findMany({
      include: channelViewInclude,
      orderBy: { name: "asc" },
    });
    return { canManage: true, channels: rows.map(toAlertChannelView) };
  }
  if (!(await mayMakeAlertRules(user)))
    throw new BerthError(
      "FORBIDDEN",
      "Only administrators and host administrators see the alert channels.",
    );
  const rows = await db.alertChannel.findMany({ orderBy: { name: "asc" } });
  return { canManage: false, channels: rows.map(toAlertChannelSummary) };
}
