import type { Metadata } from "next";
import Link from "next/link";
import { RunContainerForm, type RunMode } from "@/components/containers/run-form/run-form";
import { requirePageUser } from "@/lib/auth/current-user";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Run container" };

type Params = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v ? v : null;
}

/** "hostId/containerId" from ?from= or ?edit= */
function ref(value: string | null): { hostId: string; id: string } | null {
  if (!value) return null;
  const at = value.indexOf("/");
  if (at <= 0 || at === value.length - 1) return null;
  return { hostId: value.slice(0, at), id: value.slice(at + 1) };
}

export default async function NewContainerPage({
  searchParams,
}: {
  searchParams: Promise<Params>;
}) {
  const user = await requirePageUser();
  const params = await searchParams;
  const hosts = await listHosts(user);
  const edit = ref(one(params.edit));
  const from = ref(one(params.from));
  const mode: RunMode = edit
    ? { kind: "edit", ...edit }
    : from
      ? { kind: "duplicate", ...from }
      : { kind: "create" };
  return (
    <div className="space-y-4">
      <Link href="/containers" className="text-sm text-sky-700 hover:underline">
        ← Containers
      </Link>
      <RunContainerForm
        key={`${mode.kind}:${edit?.id ?? from?.id ?? ""}`}
        hosts={hosts.map((h) => ({ id: h.id, name: h.name, role: h.role, online: h.online }))}
        initialHostId={one(params.host)}
        mode={mode}
      />
    </div>
  );
}
