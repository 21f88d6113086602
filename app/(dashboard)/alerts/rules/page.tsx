import type { Metadata } from "next";
import { AlertsTabs } from "@/components/alerts/alerts-tabs";
import { RuleList } from "@/components/alerts/rules/rule-list";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Alert rules" };

export default async function AlertRulesPage() {
  await requirePageUser();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <AlertsTabs current="/alerts/rules" />
      <RuleList />
    </div>
  );
}
