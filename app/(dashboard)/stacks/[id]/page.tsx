import type { Metadata } from "next";
import { StackPage } from "@/components/stacks/page/stack-page";
import { requirePageUser } from "@/lib/auth/current-user";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Stack" };

export default async function StackDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const hosts = await listHosts(user);
  return (
    <StackPage
      key={id}
      id={id}
      hosts={Object.fromEntries(hosts.map((h) => [h.id, { name: h.name, address: h.address }]))}
    />
  );
}
