import type { Metadata } from "next";
import { LinkForm } from "@/components/auth/link-form";

export const metadata: Metadata = { title: "Set a new password" };

export default function ResetPasswordPage() {
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Set a new password</h1>
      <LinkForm kind="reset" />
    </>
  );
}
