import type { Metadata } from "next";
import { StackList } from "@/components/stacks/stack-list";
import { requirePageUser } from "@/lib/auth/current-user";
import { roleAllows } from "@/lib/auth/permissions";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Stacks" };

export default async function StacksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const hosts = await listHosts(user);
  const host = (await searchParams).host;
  return (
    <StackList
      hosts={hosts
        .filter((h) => roleAllows(h.role, "stack.read"))
        .map((h) => ({
          id: h.id,
          name: h.name,
          role: h.role,
          online: h.online,
          address: h.address,
        }))}
      initialHost={typeof host === "string" ? host : ""}
    />
  );
}
