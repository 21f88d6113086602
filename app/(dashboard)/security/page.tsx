import type { Metadata } from "next";
import { FleetSecurity } from "@/components/security/fleet-security";
import { requirePageUser } from "@/lib/auth/current-user";
import { listContainerFindings } from "@/lib/services/security/list-container-findings";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const user = await requirePageUser();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Container security</h1>
      <FleetSecurity rows={await listContainerFindings(user)} />
    </div>
  );
}
