import type { Metadata } from "next";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { UsersAdmin } from "@/components/admin/users-admin";
import { requireAdminPage } from "@/lib/auth/require-admin-page";
import { listInvites } from "@/lib/services/users/list-invites";
import { listUsers } from "@/lib/services/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireAdminPage();
  const [users, invites] = await Promise.all([listUsers(user), listInvites(user)]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Administration</h1>
      <AdminTabs current="/admin/users" />
      <UsersAdmin users={users} invites={invites} selfId={user.id} now={Date.now()} />
    </div>
  );
}
