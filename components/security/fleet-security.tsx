"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { detailsHref } from "@/components/containers/urls";
import { StateBadge } from "@/components/containers/state-badge";
import { INPUT_CLASS } from "@/components/ui/controls";
import { FINDING_CATEGORIES, type FindingCategory } from "@/lib/containers/security-findings";
import type { ContainerFindings } from "@/lib/services/security/list-container-findings";
import { useLiveRefresh } from "./use-live-refresh";

const LABELS: Record<FindingCategory, string> = {
  privileged: "Privileged",
  root: "Root user",
  capabilities: "Added capabilities",
  namespaces: "Host namespaces",
  mounts: "Sensitive mounts",
  confinement: "Confinement off",
  limits: "No limits",
  writableRoot: "Writable root",
};

type SortKey = "risk" | "name" | "host" | FindingCategory;

const RANK = { danger: 2, warn: 1 } as const;

function sortValue(row: ContainerFindings, key: SortKey): string | number {
  if (key === "risk") return row.risk;
  if (key === "name") return row.name.toLowerCase();
  if (key === "host") return row.hostName.toLowerCase();
  const finding = row.findings?.[key];
  return finding ? RANK[finding.level] : 0;
}

function Mark({ row, category }: { row: ContainerFindings; category: FindingCategory }) {
  const finding = row.findings?.[category];
  if (!row.findings) return <span className="text-slate-300">?</span>;
  if (!finding) return <span className="text-slate-300">–</span>;
  const danger = finding.level === "danger";
  return (
    <span
      title={finding.details.join("\n")}
      data-level={finding.level}
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${
        danger ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-800"
      }`}
    >
      {danger ? "danger" : "warn"}
    </span>
  );
}

/**
 * Every container the user may see with its security findings, one column per kind, riskiest
 * first; any column sorts, a filter narrows by name, host or image.
 */
export function FleetSecurity({ rows }: { rows: ContainerFindings[] }) {
  useLiveRefresh();
  const [sort, setSort] = useState<{ key: SortKey; dir: "asc" | "desc" }>({
    key: "risk",
    dir: "desc",
  });
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const matching = rows.filter(
      (r) =>
        !q ||
        r.name.toLowerCase().includes(q) ||
        r.hostName.toLowerCase().includes(q) ||
        r.image.toLowerCase().includes(q),
    );
    const sign = sort.dir === "asc" ? 1 : -1;
    return matching.sort((a, b) => {
      const ka = sortValue(a, sort.key);
      const kb = sortValue(b, sort.key);
      if (ka !== kb) return ka < kb ? -sign : sign;
      return b.risk - a.risk || a.name.localeCompare(b.name);
    });
  }, [rows, filter, sort]);

  const header = (key: SortKey, label: string, className = "") => {
    const active = sort.key === key;
    return (
      <th
        className={`px-3 py-2 ${className}`}
        aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
      >
        <button
          type="button"
          className="font-semibold uppercase tracking-wide hover:text-slate-800"
          onClick={() =>
            setSort({
              key,
              dir: active
                ? sort.dir === "asc"
                  ? "desc"
                  : "asc"
                : key === "name" || key === "host"
                  ? "asc"
                  : "desc",
            })
          }
        >
          {label}
          {active ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
        </button>
      </th>
    );
  };

  const dangerous = rows.filter((r) =>
    Object.values(r.findings ?? {}).some((f) => f.level === "danger"),
  ).length;
  const hosts = new Set(rows.map((r) => r.hostId)).size;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-600" data-testid="security-counts">
          {rows.length} containers on {hosts} {hosts === 1 ? "host" : "hosts"}; {dangerous} with
          dangerous findings.
        </p>
        <div className="ml-auto w-72">
          <input
            aria-label="Filter containers"
            placeholder="Filter by name, host or image"
            className={`${INPUT_CLASS} border-slate-300`}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs text-slate-500">
            <tr>
              {header("risk", "Risk")}
              {header("name", "Container")}
              {header("host", "Host")}
              {FINDING_CATEGORIES.map((c) => header(c, LABELS[c], "text-center"))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.length === 0 ? (
              <tr>
                <td colSpan={3 + FINDING_CATEGORIES.length} className="px-3 py-3 text-slate-500">
                  No containers.
                </td>
              </tr>
            ) : null}
            {shown.map((row) => (
              <tr key={`${row.hostId}/${row.id}`} data-testid="security-row" data-name={row.name}>
                <td className="px-3 py-2 font-mono font-semibold" data-testid="risk">
                  {row.findings ? row.risk : "?"}
                </td>
                <td className="px-3 py-2">
                  <Link
                    href={detailsHref(row.hostId, row.id)}
                    className="font-medium text-sky-700 hover:underline"
                  >
                    {row.name}
                  </Link>
                  <div className="flex items-center gap-2 text-xs text-slate-500">
                    <StateBadge state={row.state} />
                    <span className="truncate">{row.image}</span>
                  </div>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">{row.hostName}</td>
                {FINDING_CATEGORIES.map((c) => (
                  <td key={c} className="px-3 py-2 text-center" data-category={c}>
                    <Mark row={row} category={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        Risk counts 10 for each dangerous finding and 3 for each warning; hover a mark for the
        details. “?”: the host&apos;s agent does not report security details.
      </p>
    </div>
  );
}
