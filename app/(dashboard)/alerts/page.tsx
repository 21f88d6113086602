import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertsTabs } from "@/components/alerts/alerts-tabs";
import { AlertHistory } from "@/components/alerts/history/alert-history";
import { requirePageUser } from "@/lib/auth/current-user";
import { roleAllows } from "@/lib/auth/permissions";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const user = await requirePageUser();
  const hosts = await listHostAccess(user);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <AlertsTabs current="/alerts" />
      <Suspense>
        <AlertHistory
          isAdmin={user.role === "ADMIN"}
          hosts={hosts.map((h) => ({
            id: h.id,
            name: h.name,
            mayManageAlerts: roleAllows(h.role, "alert.manage"),
          }))}
        />
      </Suspense>
    </div>
  );
}
