import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/alerts", label: "Alerts" },
  { href: "/alerts/rules", label: "Rules" },
  { href: "/alerts/channels", label: "Channels" },
  { href: "/alerts/deliveries", label: "Delivery log" },
] as const;

/** The alerts sections, with the current one marked. */
export function AlertsTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return <SectionTabs label="Alerts" tabs={TABS} current={current} />;
}
