import type { AuditRow } from "@/lib/services/audit/list-audit-events";

const OUTCOME_STYLE: Record<AuditRow["outcome"], string> = {
  SUCCESS: "bg-emerald-100 text-emerald-800",
  FAILURE: "bg-amber-100 text-amber-900",
  DENIED: "bg-red-100 text-red-800",
};

/** Audit rows as text (never HTML): newest first. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) {
    return <p className="text-sm text-slate-500">No audit entries match.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Time (UTC)</th>
            <th className="px-3 py-2">Who</th>
            <th className="px-3 py-2">Action</th>
            <th className="px-3 py-2">Host</th>
            <th className="px-3 py-2">Target</th>
            <th className="px-3 py-2">Outcome</th>
            <th className="px-3 py-2">From</th>
            <th className="px-3 py-2">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row">
              <td className="whitespace-nowrap px-3 py-1.5 text-slate-600">
                {new Date(r.at).toISOString().replace("T", " ").slice(0, 19)}
              </td>
              <td className="px-3 py-1.5">{r.actor}</td>
              <td className="px-3 py-1.5 font-[family-name:var(--font-geist-mono)] text-xs">
                {r.action}
              </td>
              <td className="whitespace-nowrap px-3 py-1.5">{r.hostName ?? r.hostId ?? ""}</td>
              <td className="max-w-48 truncate px-3 py-1.5" title={r.target ?? undefined}>
                {r.target}
              </td>
              <td className="px-3 py-1.5">
                <span className={`rounded px-1.5 py-0.5 text-xs ${OUTCOME_STYLE[r.outcome]}`}>
                  {r.outcome.toLowerCase()}
                </span>
              </td>
              <td className="px-3 py-1.5 text-slate-500">{r.clientAddress}</td>
              <td className="max-w-md px-3 py-1.5 text-xs text-slate-600">
                {r.error ? <span className="text-red-700">{r.error} </span> : null}
                <span className="break-all font-[family-name:var(--font-geist-mono)]">
                  {r.params}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
