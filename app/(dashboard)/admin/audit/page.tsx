import type { Metadata } from "next";
import Link from "next/link";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AuditTable } from "@/components/admin/audit-table";
import { ErrorMessage } from "@/components/ui/alert";
import { AuditQuerySchema } from "@/lib/protocol";
import { requireAdminPage } from "@/lib/auth/require-admin-page";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";
import { listUsers } from "@/lib/services/users/list-users";

export const metadata: Metadata = { title: "Audit log" };

const INPUT = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireAdminPage();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([k, v]) =>
      typeof v === "string" && v !== "" ? [[k, v]] : [],
    ),
  );
  const parsed = AuditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : { from: undefined, to: undefined };
  const [page, users, hosts] = await Promise.all([
    listAuditEvents(user, query),
    listUsers(user),
    listHostAccess(user),
  ]);
  const filters = new URLSearchParams(
    Object.entries(raw).filter(([k]) => k !== "before") as Array<[string, string]>,
  );
  const next = new URLSearchParams(filters);
  if (page.nextBefore) next.set("before", page.nextBefore);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Administration</h1>
      <AdminTabs current="/admin/audit" />
      <form
        className="flex flex-wrap items-end gap-3 text-sm"
        method="get"
        data-testid="audit-filters"
      >
        <label className="space-y-1">
          <span className="block text-xs text-slate-500">User</span>
          <select name="user" defaultValue={raw.user ?? ""} className={INPUT}>
            <option value="">Anyone</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-xs text-slate-500">Host</span>
          <select name="host" defaultValue={raw.host ?? ""} className={INPUT}>
            <option value="">Any host</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-xs text-slate-500">Action (or its start, e.g. user.)</span>
          <input
            name="action"
            defaultValue={raw.action ?? ""}
            className={INPUT}
            placeholder="container."
          />
        </label>
        <label className="space-y-1">
          <span className="block text-xs text-slate-500">From (UTC)</span>
          <input
            type="datetime-local"
            name="from"
            defaultValue={raw.from ?? ""}
            className={INPUT}
          />
        </label>
        <label className="space-y-1">
          <span className="block text-xs text-slate-500">To (UTC)</span>
          <input type="datetime-local" name="to" defaultValue={raw.to ?? ""} className={INPUT} />
        </label>
        <button
          type="submit"
          className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800"
        >
          Filter
        </button>
        <Link href="/admin/audit" className="px-2 py-1.5 text-sky-700 hover:underline">
          Clear
        </Link>
        <a
          href={`/api/audit/export?${filters.toString()}`}
          className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-800 hover:bg-slate-100"
          data-testid="audit-export"
        >
          Export CSV
        </a>
      </form>
      {parsed.success ? null : (
        <ErrorMessage>{parsed.error.issues.map((i) => i.message).join(" ")}</ErrorMessage>
      )}
      <AuditTable rows={page.rows} />
      <div className="flex gap-3 text-sm">
        {raw.before ? (
          <Link
            href={`/admin/audit?${filters.toString()}`}
            className="text-sky-700 hover:underline"
          >
            ← Newest
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link href={`/admin/audit?${next.toString()}`} className="text-sky-700 hover:underline">
            Older →
          </Link>
        ) : null}
      </div>
    </div>
  );
}
