import type { Metadata } from "next";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { GroupsAdmin } from "@/components/admin/groups-admin";
import { requireAdminPage } from "@/lib/auth/require-admin-page";
import { listHostGroups } from "@/lib/services/host-groups/list-host-groups";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";

export const metadata: Metadata = { title: "Host groups" };

export default async function GroupsPage() {
  const user = await requireAdminPage();
  const [groups, hosts] = await Promise.all([listHostGroups(user), listHostAccess(user)]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Administration</h1>
      <AdminTabs current="/admin/groups" />
      <GroupsAdmin groups={groups} hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} />
    </div>
  );
}
