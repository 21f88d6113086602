import type { Metadata } from "next";
import { AlertsTabs } from "@/components/alerts/alerts-tabs";
import { RuleForm } from "@/components/alerts/rule-form/rule-form";
import { requirePageUser } from "@/lib/auth/current-user";
import { listAlertScopeOptions } from "@/lib/services/alerts/list-alert-scope-options";

export const metadata: Metadata = { title: "New alert rule" };

export default async function NewAlertRulePage() {
  const user = await requirePageUser();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">New alert rule</h1>
      <AlertsTabs current="/alerts/rules" />
      <RuleForm options={await listAlertScopeOptions(user)} />
    </div>
  );
}
