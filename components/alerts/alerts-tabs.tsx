import Link from "next/link";

const TABS = [
  { href: "/alerts", label: "Alerts" },
  { href: "/alerts/rules", label: "Rules" },
  { href: "/alerts/channels", label: "Channels" },
  { href: "/alerts/deliveries", label: "Delivery log" },
] as const;

/** The alerts sections, with the current one marked. */
export function AlertsTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav className="flex gap-1 border-b border-slate-200 text-sm" aria-label="Alerts">
      {TABS.map((tab) => (
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
