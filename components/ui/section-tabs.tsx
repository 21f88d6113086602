import Link from "next/link";

/** Links to the pages of one section, with the current one marked. */
export function SectionTabs({
  label,
  tabs,
  current,
}: {
  label: string;
  tabs: ReadonlyArray<{ href: string; label: string }>;
  current: string;
}) {
  return (
    <nav className="flex gap-1 border-b border-slate-200 text-sm" aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 ${tab.href === current ? "border-sky-700 font-medium text-sky-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
