import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PolicyForm } from "@/components/policy/policy-form";
import { Card } from "@/components/ui/card";
import { BerthError } from "@/lib/protocol";
import { requirePageUser } from "@/lib/auth/current-user";
import { getGroupPolicy } from "@/lib/services/policy/get-group-policy";

export const metadata: Metadata = { title: "Host group security policy" };

export default async function GroupPolicyPage({
  params,
}: {
  params: Promise<{ groupId: string }>;
}) {
  const user = await requirePageUser();
  const { groupId } = await params;
  const view = await getGroupPolicy(user, groupId).catch((err: unknown) => {
    if (err instanceof BerthError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <div className="space-y-4">
      <Link href={`/groups/${groupId}/access`} className="text-sm text-sky-700 hover:underline">
        ← Access to {view.groupName}
      </Link>
      <h1 className="text-xl font-semibold">Security policy of host group {view.groupName}</h1>
      <p className="text-sm text-slate-600">
        Containers on every host of the group must pass this policy as well as the host&apos;s own
        and its other groups&apos;:{" "}
        {view.hosts.map((h, i) => (
          <span key={h.id}>
            {i > 0 ? ", " : ""}
            <Link href={`/hosts/${h.id}`} className="text-sky-700 hover:underline">
              {h.name}
            </Link>
          </span>
        ))}
        {view.hosts.length === 0 ? "no hosts yet" : ""}.
      </p>
      <Card
        title={
          view.own ? "This group's policy" : "No policy yet (the fields show the strict default)"
        }
      >
        <PolicyForm
          endpoint={`/api/host-groups/${groupId}/policy`}
          policy={view.own}
          canEdit={view.canEdit}
          scope="host group"
        />
      </Card>
    </div>
  );
}
