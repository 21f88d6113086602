import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessEditor } from "@/components/access/access-editor";
import { ErrorMessage } from "@/components/ui/alert";
import { BerthError } from "@/lib/protocol";
import { requirePageUser } from "@/lib/auth/current-user";
import { listGrantees } from "@/lib/services/access/list-grantees";
import { listGrants } from "@/lib/services/access/list-grants";
import { getHostGroup } from "@/lib/services/host-groups/get-host-group";

export const metadata: Metadata = { title: "Host group access" };

export default async function GroupAccessPage({
  params,
}: {
  params: Promise<{ groupId: string }>;
}) {
  const user = await requirePageUser();
  const { groupId } = await params;
  const group = await getHostGroup(user, groupId).catch((err: unknown) => {
    if (err instanceof BerthError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const list = await listGrants(user, { groupId }).catch((err: unknown) => {
    if (err instanceof BerthError && err.code === "FORBIDDEN") return err;
    throw err;
  });
  return (
    <div className="space-y-4">
      {user.role === "ADMIN" ? (
        <Link href="/admin/groups" className="text-sm text-sky-700 hover:underline">
          ← Host groups
        </Link>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Access to host group {group.name}</h1>
        <Link
          href={`/groups/${groupId}/policy`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
        >
          Security policy
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        Roles granted here apply on every host of the group:{" "}
        {group.hosts.map((h) => h.name).join(", ") || "none yet"}.
      </p>
      {list instanceof BerthError ? (
        <ErrorMessage>{list.message}</ErrorMessage>
      ) : (
        <AccessEditor
          endpoint={`/api/host-groups/${groupId}/access`}
          list={list}
          grantees={await listGrantees(user)}
        />
      )}
    </div>
  );
}
