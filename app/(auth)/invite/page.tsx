import type { Metadata } from "next";
import { LinkForm } from "@/components/auth/link-form";

export const metadata: Metadata = { title: "Accept invitation" };

export default function InvitePage() {
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Accept your invitation</h1>
      <LinkForm kind="invite" />
    </>
  );
}
