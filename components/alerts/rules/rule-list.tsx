"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { AlertRuleView } from "@/lib/protocol";
import type { AlertRuleList } from "@/lib/services/alerts/list-alert-rules";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { describeCondition, describeScope, KIND_WORDS } from "../alert-words";
import { SeverityBadge } from "../severity-badge";
import { useAlertsChanged } from "../use-alerts-changed";
import { RuleActionDialog, type RuleAction } from "./rule-action-dialog";

/** Every rule the user can read; managers change, silence and delete theirs. */
export function RuleList() {
  const [list, setList] = useState<AlertRuleList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<RuleAction | null>(null);

  const load = useCallback(() => {
    api<AlertRuleList>("/api/alerts/rules").then(
      (l) => {
        setList(l);
        setError(null);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, []);
  useEffect(load, [load]);
  useAlertsChanged(load);

  async function unsilence(rule: AlertRuleView) {
    try {
      await api(`/api/alerts/rules/${encodeURIComponent(rule.id)}/silence`, { method: "DELETE" });
      load();
    } catch (err) {
      setError(`Could not unsilence ${rule.name}: ${errorText(err)}`);
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <p className="text-sm text-slate-600">
          Rules watch what the agents already send and fire an alert when their condition holds.
        </p>
        {list?.canCreate ? (
          <Link
            href="/alerts/rules/new"
            className="ml-auto rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800"
          >
            New rule
          </Link>
        ) : null}
      </div>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="alert-rules">
          <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Watches</th>
              <th className="px-3 py-2">Scope</th>
              <th className="px-3 py-2">Severity</th>
              <th className="px-3 py-2">Channels</th>
              <th className="px-3 py-2">Enabled</th>
              <th className="px-3 py-2">Silenced until</th>
              <th className="px-3 py-2">Firing</th>
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(list?.rules ?? []).map((rule) => (
              <tr
                key={rule.id}
                className="border-t border-slate-100 align-top"
                data-testid="alert-rule-row"
                data-rule={rule.name}
              >
                <td className="px-3 py-2">
                  <Link
                    href={`/alerts/rules/${encodeURIComponent(rule.id)}`}
                    className="font-medium text-sky-800 hover:underline"
                  >
                    {rule.name}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <span className="block text-xs text-slate-500">
                    {KIND_WORDS[rule.condition.kind]}
                  </span>
                  {describeCondition(rule.condition)}
                </td>
                <td className="px-3 py-2">{describeScope(rule.scope, rule.scopeNames)}</td>
                <td className="px-3 py-2">
                  <SeverityBadge severity={rule.severity} />
                </td>
                <td className="px-3 py-2">
                  {rule.channels.length > 0 ? rule.channels.map((c) => c.name).join(", ") : "—"}
                </td>
                <td className="px-3 py-2">{rule.enabled ? "yes" : "no"}</td>
                <td className="px-3 py-2 text-xs" data-testid="rule-silenced">
                  {rule.silencedUntil ? (
                    <span title={rule.silenceReason ?? undefined}>
                      {formatDateTime(rule.silencedUntil)}
                      {rule.silencedBy ? ` by ${rule.silencedBy}` : ""}
                      {rule.silenceReason ? ` (${rule.silenceReason})` : ""}
                    </span>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2" data-testid="rule-firing">
                  {rule.firing > 0 ? (
                    <Link
                      href={`/alerts?state=firing&ruleId=${encodeURIComponent(rule.id)}`}
                      className="font-medium text-red-700 hover:underline"
                    >
                      {rule.firing} firing
                    </Link>
                  ) : (
                    "0"
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {rule.canManage ? (
                    <div className="flex gap-2">
                      {rule.silencedUntil ? (
                        <Button variant="secondary" onClick={() => void unsilence(rule)}>
                          Unsilence
                        </Button>
                      ) : (
                        <Button
                          variant="secondary"
                          onClick={() => setAction({ kind: "silence", rule })}
                        >
                          Silence…
                        </Button>
                      )}
                      <Button variant="danger" onClick={() => setAction({ kind: "delete", rule })}>
                        Delete…
                      </Button>
                    </div>
                  ) : (
                    <span className="text-xs text-slate-500">read-only</span>
                  )}
                </td>
              </tr>
            ))}
            {list && list.rules.length === 0 ? (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-center text-slate-500">
                  No alert rules yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {action ? (
        <RuleActionDialog
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            load();
          }}
        />
      ) : null}
    </div>
  );
}
