import type { Metadata } from "next";
import { AlertPreferencesForm } from "@/components/account/alert-preferences-form";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUser();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Your account</h1>
      <p className="text-sm text-slate-600">
        {user.name} · {user.email} · {user.role === "ADMIN" ? "administrator" : "user"}
      </p>
      <Card title="Change password">
        <ChangePasswordForm />
      </Card>
      <Card id="notifications" title="Notifications">
        <AlertPreferencesForm />
      </Card>
    </div>
  );
}
