import type { Metadata } from "next";
import { MergedLogs } from "@/components/logs/merged-logs";
import { requirePageUser } from "@/lib/auth/current-user";
import { listHosts } from "@/lib/services/hosts/list-hosts";

export const metadata: Metadata = { title: "Logs" };

export default async function LogsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const hosts = await listHosts(user);
  const params = await searchParams;
  const host = typeof params.host === "string" ? params.host : null;
  const ids =
    typeof params.ids === "string"
      ? params.ids
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .slice(0, 50)
      : [];
  return (
    <MergedLogs
      hosts={hosts.map((h) => ({ id: h.id, name: h.name }))}
      initialHost={host && hosts.some((h) => h.id === host) ? host : null}
      initialIds={ids}
    />
  );
}
