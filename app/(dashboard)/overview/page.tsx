import type { Metadata } from "next";
import { FleetOverview } from "@/components/overview/fleet-overview";
import { requirePageUser } from "@/lib/auth/current-user";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requirePageUser();
  const hosts = await listHosts(user);
  return (
    <FleetOverview
      hosts={hosts.map((h) => ({
        id: h.id,
        name: h.name,
        online: h.online,
        lastSeenAt: h.lastSeenAt,
      }))}
    />
  );
}
