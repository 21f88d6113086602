import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BerthError } from "@/lib/protocol";
import { AlertsTabs } from "@/components/alerts/alerts-tabs";
import { RuleForm } from "@/components/alerts/rule-form/rule-form";
import { requirePageUser } from "@/lib/auth/current-user";
import { getAlertRule } from "@/lib/services/alerts/get-alert-rule";
import { listAlertScopeOptions } from "@/lib/services/alerts/list-alert-scope-options";

export const metadata: Metadata = { title: "Alert rule" };

export default async function AlertRulePage({ params }: { params: Promise<{ ruleId: string }> }) {
  const user = await requirePageUser();
  const { ruleId } = await params;
  const rule = await getAlertRule(user, ruleId).catch((err: unknown) => {
    if (err instanceof BerthError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{rule.name}</h1>
      <AlertsTabs current="/alerts/rules" />
      <RuleForm rule={rule} options={await listAlertScopeOptions(user)} />
    </div>
  );
}
