import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/teams", label: "Teams" },
  { href: "/admin/groups", label: "Host groups" },
  { href: "/admin/audit", label: "Audit log" },
] as const;

/** The administration sections, with the current one marked. */
export function AdminTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return <SectionTabs label="Administration" tabs={TABS} current={current} />;
}
