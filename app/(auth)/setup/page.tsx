import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { isSetupPending } from "@/lib/services/setup/issue-setup-token";

export const metadata: Metadata = { title: "First-run setup" };
export const dynamic = "force-dynamic";

export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  if (!(await isSetupPending())) redirect("/login");
  const { token } = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Create the administrator</h1>
      <p className="mb-4 text-sm text-slate-500">
        Berth has no accounts yet. Use the one-time setup token the server printed when it started.
      </p>
      <SetupForm token={typeof token === "string" ? token : ""} />
    </>
  );
}
