"use client";

import { useEffect, useState } from "react";
import type { AlertPreferenceRow } from "@/lib/services/alerts/get-alert-preferences";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { KIND_WORDS } from "@/components/alerts/alert-words";
import { SeverityBadge } from "@/components/alerts/severity-badge";

/** Which alert rules reach me: in the app (toasts) and by email. */
export function AlertPreferencesForm() {
  const [rows, setRows] = useState<AlertPreferenceRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ rules: AlertPreferenceRow[] }>("/api/alerts/preferences").then(
      (r) => setRows(r.rules),
      (err: unknown) => setError(errorText(err)),
    );
  }, []);

  const change = (ruleId: string, key: "inApp" | "email", value: boolean) => {
    setSaved(false);
    setRows((list) => list?.map((r) => (r.ruleId === ruleId ? { ...r, [key]: value } : r)) ?? null);
  };

  async function save() {
    if (!rows) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ rules: AlertPreferenceRow[] }>("/api/alerts/preferences", {
        method: "PUT",
        json: {
          preferences: rows.map((r) => ({ ruleId: r.ruleId, inApp: r.inApp, email: r.email })),
        },
      });
      setRows(answer.rules);
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  if (rows === null) return error ? <ErrorMessage>{error}</ErrorMessage> : <p>Loading…</p>;
  if (rows.length === 0) {
    return <p className="text-sm text-slate-600">No alert rule watches a host you can see yet.</p>;
  }
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="alert-preferences"
    >
      <p className="text-sm text-slate-600">
        Alerts of the rules you tick reach you here in the app, and by email to your address when
        the rule has an email channel.
      </p>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {saved ? <SuccessMessage>Your notification choices are saved.</SuccessMessage> : null}
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-600 uppercase">
          <tr>
            <th className="py-1 pr-3">Rule</th>
            <th className="py-1 pr-3">Severity</th>
            <th className="py-1 pr-3">In the app</th>
            <th className="py-1 pr-3">Email</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.ruleId} className="border-t border-slate-100" data-rule={r.ruleName}>
              <td className="py-1.5 pr-3">
                <span className="font-medium">{r.ruleName}</span>
                <span className="block text-xs text-slate-500">{KIND_WORDS[r.kind]}</span>
              </td>
              <td className="py-1.5 pr-3">
                <SeverityBadge severity={r.severity} />
              </td>
              <td className="py-1.5 pr-3">
                <label className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={r.inApp}
                    onChange={(e) => change(r.ruleId, "inApp", e.target.checked)}
                  />
                  In the app
                </label>
              </td>
              <td className="py-1.5 pr-3">
                <label className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={r.email}
                    disabled={!r.emailAvailable && !r.email}
                    aria-describedby={r.emailAvailable ? undefined : `no-email-${r.ruleId}`}
                    onChange={(e) => change(r.ruleId, "email", e.target.checked)}
                  />
                  Email
                </label>
                {r.emailAvailable ? null : (
                  <span id={`no-email-${r.ruleId}`} className="block text-xs text-slate-500">
                    The rule has no email channel.
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button type="submit" disabled={busy}>
        Save notification choices
      </Button>
    </form>
  );
}
