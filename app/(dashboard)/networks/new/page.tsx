import type { Metadata } from "next";
import { NetworkCreateForm } from "@/components/networks/network-form";
import { requirePageUser } from "@/lib/auth/current-user";
import { roleAllows } from "@/lib/auth/permissions";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Create a network" };

export default async function NewNetworkPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const hosts = (await listHosts(user)).filter((h) => roleAllows(h.role, "network.manage"));
  const host = (await searchParams).host;
  if (hosts.length === 0) {
    return (
      <p className="text-sm text-slate-700">
        Your role does not allow creating networks on any host. Ask an administrator for the
        deployer role on a host.
      </p>
    );
  }
  return (
    <NetworkCreateForm
      hosts={hosts.map((h) => ({ id: h.id, name: h.name, role: h.role, online: h.online }))}
      initialHostId={typeof host === "string" ? host : null}
    />
  );
}
