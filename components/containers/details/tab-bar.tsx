"use client";

import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";

export const TABS = [
  ["summary", "Summary"],
  ["logs", "Logs"],
  ["terminal", "Terminal"],
  ["stats", "Stats"],
  ["ports", "Ports"],
  ["mounts", "Mounts"],
  ["networks", "Networks"],
  ["env", "Environment"],
  ["labels", "Labels"],
  ["security", "Security"],
  ["processes", "Processes"],
  ["changes", "Filesystem changes"],
  ["inspect", "Inspect"],
] as const;
export type Tab = (typeof TABS)[number][0];

/** The container page's tabs; the terminal only for roles that may exec. */
export function TabBar({
  tab,
  role,
  onSelect,
}: {
  tab: Tab;
  role: HostRoleName;
  onSelect: (tab: Tab) => void;
}) {
  return (
    <div className="flex flex-wrap gap-1 border-b border-slate-200" role="tablist">
      {TABS.filter(([key]) => key !== "terminal" || roleAllows(role, "container.exec")).map(
        ([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            data-testid={`tab-${key}`}
            onClick={() => onSelect(key)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab === key ? "border-sky-600 font-medium text-sky-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {label}
          </button>
        ),
      )}
    </div>
  );
}
