import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { oidcSettings } from "@/lib/auth/oidc";
import { isSetupPending } from "@/lib/services/setup/issue-setup-token";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await isSetupPending()) redirect("/setup");
  if (await getCurrentUser()) redirect("/hosts");
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      <Suspense>
        <LoginForm oidcName={oidcSettings()?.name ?? null} />
      </Suspense>
    </>
  );
}
