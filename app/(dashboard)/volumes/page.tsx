import type { Metadata } from "next";
import { VolumeList } from "@/components/volumes/volume-list";
import { requirePageUser } from "@/lib/auth/current-user";
import { roleAllows } from "@/lib/auth/permissions";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Volumes" };

export default async function VolumesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const hosts = (await listHosts(user)).filter((h) => roleAllows(h.role, "volume.read"));
  const host = (await searchParams).host;
  return (
    <VolumeList
      hosts={hosts.map((h) => ({ id: h.id, name: h.name, role: h.role, online: h.online }))}
      initialHost={typeof host === "string" ? host : ""}
    />
  );
}
