import type { Metadata } from "next";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { TeamsAdmin } from "@/components/admin/teams-admin";
import { requireAdminPage } from "@/lib/auth/require-admin-page";
import { listTeams } from "@/lib/services/teams/list-teams";
import { listUsers } from "@/lib/services/users/list-users";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const user = await requireAdminPage();
  const [teams, users] = await Promise.all([listTeams(user), listUsers(user)]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Administration</h1>
      <AdminTabs current="/admin/teams" />
      <TeamsAdmin
        teams={teams}
        users={users.map((u) => ({ id: u.id, name: u.name, email: u.email }))}
      />
    </div>
  );
}
