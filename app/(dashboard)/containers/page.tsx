import type { Metadata } from "next";
import { ContainerList } from "@/components/containers/list/container-list";
import { filtersFromParams } from "@/components/containers/list/list-filters";
import { requirePageUser } from "@/lib/auth/current-user";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Containers" };

export default async function ContainersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const hosts = await listHosts(user);
  const filters = filtersFromParams(await searchParams);
  return (
    <ContainerList
      // A new query string (a link followed) starts the list over.
      key={JSON.stringify(filters)}
      initialFilters={filters}
      hosts={hosts.map((h) => ({ id: h.id, name: h.name, role: h.role }))}
    />
  );
}
