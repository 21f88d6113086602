import type { Metadata } from "next";
import { AddHostDialog } from "@/components/hosts/add-host-dialog";
import { HostList } from "@/components/hosts/host-list";
import { requirePageUser } from "@/lib/auth/current-user";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  const user = await requirePageUser();
  const hosts = await listHosts(user);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Hosts</h1>
        {user.role === "ADMIN" ? <AddHostDialog /> : null}
      </div>
      <HostList hosts={hosts} />
    </div>
  );
}
