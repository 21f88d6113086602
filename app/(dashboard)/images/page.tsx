import type { Metadata } from "next";
import { toHostOptions } from "@/components/images/host-options";
import { ImageList } from "@/components/images/image-list";
import { requirePageUser } from "@/lib/auth/current-user";
import { roleAllows } from "@/lib/auth/permissions";
import { listHosts } from "@/lib/services/hosts/list-hosts";
import { listRegistries } from "@/lib/services/registries/list-registries";

export const metadata: Metadata = { title: "Images" };

export default async function ImagesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const [hosts, registries] = await Promise.all([listHosts(user), listRegistries(user)]);
  const host = (await searchParams).host;
  return (
    <ImageList
      hosts={toHostOptions(hosts.filter((h) => roleAllows(h.role, "image.read")))}
      registries={registries.map((r) => ({ id: r.id, name: r.name, host: r.host }))}
      initialHost={typeof host === "string" ? host : ""}
    />
  );
}
