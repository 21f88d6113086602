import type { ReactNode } from "react";

export function Table({
  head,
  rows,
  empty,
  testId,
}: {
  head: string[];
  rows: ReactNode[][];
  empty: string;
  testId?: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {head.map((h) => (
              <th key={h} className="px-2 py-1.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((c, j) => (
                <td key={j} className="break-all px-2 py-1.5 align-top">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function KeyValueTable({
  rows,
  empty,
  testId,
}: {
  rows: [string, string][];
  empty: string;
  testId?: string;
}) {
  return (
    <Table
      head={["Name", "Value"]}
      rows={rows.map(([k, v]) => [
        <span key="k" className="font-mono text-xs">
          {k}
        </span>,
        <span key="v" className="font-mono text-xs">
          {v}
        </span>,
      ])}
      empty={empty}
      testId={testId}
    />
  );
}
