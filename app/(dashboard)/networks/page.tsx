import type { Metadata } from "next";
import { NetworkList } from "@/components/networks/network-list";
import { requirePageUser } from "@/lib/auth/current-user";
import { roleAllows } from "@/lib/auth/permissions";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Networks" };

export default async function NetworksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const hosts = await listHosts(user);
  const host = (await searchParams).host;
  return (
    <NetworkList
      hosts={hosts
        .filter((h) => roleAllows(h.role, "network.read"))
        .map((h) => ({ id: h.id, name: h.name, role: h.role, online: h.online }))}
      initialHost={typeof host === "string" ? host : ""}
    />
  );
}
