import type { Metadata } from "next";
import { AlertsTabs } from "@/components/alerts/alerts-tabs";
import { ChannelList } from "@/components/alerts/channels/channel-list";
import { requirePageUser } from "@/lib/auth/current-user";
import { listAlertChannels } from "@/lib/services/alerts/list-alert-channels";

export const metadata: Metadata = { title: "Alert channels" };

export default async function AlertChannelsPage() {
  const user = await requirePageUser();
  const list = user.role === "ADMIN" ? await listAlertChannels(user) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <AlertsTabs current="/alerts/channels" />
      {list?.canManage ? (
        <ChannelList initial={list.channels} />
      ) : (
        <p className="text-slate-600">Only administrators manage the notification channels.</p>
      )}
    </div>
  );
}
