import type { Metadata } from "next";
import { AlertsTabs } from "@/components/alerts/alerts-tabs";
import { DeliveryLog } from "@/components/alerts/deliveries/delivery-log";
import { requirePageUser } from "@/lib/auth/current-user";
import { listAlertChannels } from "@/lib/services/alerts/list-alert-channels";
import { listAlertDeliveries } from "@/lib/services/alerts/list-alert-deliveries";

export const metadata: Metadata = { title: "Alert delivery log" };

export default async function AlertDeliveriesPage() {
  const user = await requirePageUser();
  const isAdmin = user.role === "ADMIN";
  const [initial, channels] = await Promise.all([
    listAlertDeliveries(user, {}),
    isAdmin ? listAlertChannels(user) : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <AlertsTabs current="/alerts/deliveries" />
      <p className="text-sm text-slate-600">
        {isAdmin
          ? "Every notification sent or being sent, with the receiver's answer. Failed attempts are retried after 10 s, 30 s, 2 min, 10 min and 30 min."
          : "Notifications of alerts on the hosts you can see, with the receiver's answer."}
      </p>
      <DeliveryLog
        initial={initial}
        channels={(channels?.channels ?? []).map((c) => ({ id: c.id, name: c.name }))}
        canRetry={isAdmin}
      />
    </div>
  );
}
