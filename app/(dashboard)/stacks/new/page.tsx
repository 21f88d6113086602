import type { Metadata } from "next";
import { NewStackForm } from "@/components/stacks/new/new-stack-form";
import { requirePageUser } from "@/lib/auth/current-user";
import { roleAllows } from "@/lib/auth/permissions";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "New stack" };

export default async function NewStackPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const hosts = (await listHosts(user)).filter((h) => roleAllows(h.role, "stack.deploy"));
  const host = (await searchParams).host;
  if (hosts.length === 0) {
    return (
      <p className="text-sm text-slate-700">
        Your role does not allow deploying stacks on any host. Ask an administrator for the deployer
        role on a host.
      </p>
    );
  }
  return (
    <NewStackForm
      hosts={hosts.map((h) => ({
        id: h.id,
        name: h.name,
        role: h.role,
        online: h.online,
        address: h.address,
      }))}
      initialHostId={typeof host === "string" ? host : null}
    />
  );
}
