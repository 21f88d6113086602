import type { Metadata } from "next";
import { RegistryAdmin } from "@/components/registries/registry-admin";
import { requirePageUser } from "@/lib/auth/current-user";
import { listGrantableTeams } from "@/lib/services/registries/list-grantable-teams";
import { listRegistries } from "@/lib/services/registries/list-registries";

export const metadata: Metadata = { title: "Registries" };

export default async function RegistriesPage() {
  const user = await requirePageUser();
  const isAdmin = user.role === "ADMIN";
  const [registries, teams] = await Promise.all([
    listRegistries(user),
    isAdmin ? listGrantableTeams(user) : Promise.resolve([]),
  ]);
  return <RegistryAdmin initial={registries} teams={teams} canManage={isAdmin} />;
}
