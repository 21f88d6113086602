import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessEditor } from "@/components/access/access-editor";
import { ErrorMessage } from "@/components/ui/alert";
import { BerthError } from "@/lib/protocol";
import { requirePageUser } from "@/lib/auth/current-user";
import { listGrantees } from "@/lib/services/access/list-grantees";
import { listGrants } from "@/lib/services/access/list-grants";
import { getHost } from "@/lib/services/hosts/get-host";

export const metadata: Metadata = { title: "Host access" };

export default async function HostAccessPage({ params }: { params: Promise<{ hostId: string }> }) {
  const user = await requirePageUser();
  const { hostId } = await params;
  const host = await getHost(user, hostId).catch((err: unknown) => {
    if (err instanceof BerthError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const list = await listGrants(user, { hostId }).catch((err: unknown) => {
    if (err instanceof BerthError && err.code === "FORBIDDEN") return err;
    throw err;
  });
  return (
    <div className="space-y-4">
      <Link href={`/hosts/${host.id}`} className="text-sm text-sky-700 hover:underline">
        ← {host.name}
      </Link>
      <h1 className="text-xl font-semibold">Access to {host.name}</h1>
      {list instanceof BerthError ? (
        <ErrorMessage>{list.message}</ErrorMessage>
      ) : (
        <AccessEditor
          endpoint={`/api/hosts/${host.id}/access`}
          list={list}
          grantees={await listGrantees(user)}
        />
      )}
    </div>
  );
}
