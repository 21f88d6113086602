import type { Metadata } from "next";
import { BuildForm } from "@/components/images/build-form";
import { toHostOptions } from "@/components/images/host-options";
import { requirePageUser } from "@/lib/auth/current-user";
import { roleAllows } from "@/lib/auth/permissions";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Build an image" };

export default async function BuildPage() {
  const user = await requirePageUser();
  const hosts = (await listHosts(user)).filter((h) => roleAllows(h.role, "image.build"));
  if (hosts.length === 0) {
    return <p className="text-slate-600">You may not build images on any host.</p>;
  }
  return <BuildForm hosts={toHostOptions(hosts)} />;
}
