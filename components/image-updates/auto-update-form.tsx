"use client";

import { useCallback, useEffect, useState } from "react";
import type { AutoUpdatePolicyView } from "@/lib/protocol";
import { api, ApiError, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";

const DEFAULT_CRON = "0 4 * * *";

/** A policy's last run, in words. */
export function lastRunText(policy: AutoUpdatePolicyView): string {
  if (!policy.lastRunAt) return `Next run ${formatDateTime(policy.nextRunAt)}.`;
  return `Last run ${formatDateTime(policy.lastRunAt)}: ${policy.lastOutcome ?? ""} Next ${formatDateTime(policy.nextRunAt)}.`;
}

/** Whether a label policy covers a container with these labels. */
function coversLabels(policy: AutoUpdatePolicyView, labels: Record<string, string>): boolean {
  if (!policy.labelKey || !(policy.labelKey in labels)) return false;
  return policy.labelValue === null || labels[policy.labelKey] === policy.labelValue;
}

/**
 * "Update automatically" for one container: a schedule for its own policy, or the label policies
 * that already cover it. Off unless a policy exists.
 */
export function AutoUpdateForm({
  hostId,
  name,
  labels,
}: {
  hostId: string;
  name: string;
  labels: Record<string, string>;
}) {
  const [policies, setPolicies] = useState<AutoUpdatePolicyView[] | null>(null);
  const [cron, setCron] = useState(DEFAULT_CRON);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  const load = useCallback(() => {
    api<{ policies: AutoUpdatePolicyView[] }>(
      `/api/auto-updates?hostId=${encodeURIComponent(hostId)}`,
    )
      .then((body) => setPolicies(body.policies))
      .catch((err: unknown) => setError({ message: errorText(err) }));
  }, [hostId]);
  useEffect(load, [load]);

  if (!policies) return null;
  const own = policies.find((p) => p.containerName === name);
  const byLabel = policies.filter((p) => coversLabels(p, labels));

  const run = (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    action()
      .then(load)
      .catch((err: unknown) =>
        setError({
          message: errorText(err),
          field: err instanceof ApiError ? err.field : undefined,
        }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <div className="space-y-2 border-t border-slate-100 pt-3" data-testid="auto-update">
      {byLabel.map((p) => (
        <p key={p.id} className="text-sm text-slate-600">
          Updated automatically by label {p.labelKey}
          {p.labelValue === null ? "" : `=${p.labelValue}`} ({p.cron}). {lastRunText(p)}
        </p>
      ))}
      {own ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-slate-700" data-testid="auto-update-state">
            Updated automatically ({own.cron}){own.enabled ? "" : ", switched off"}.{" "}
            <span className={own.lastOk === false ? "text-amber-800" : "text-slate-600"}>
              {lastRunText(own)}
            </span>
          </span>
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() =>
              run(() =>
                api(`/api/auto-updates/${encodeURIComponent(own.id)}`, { method: "DELETE" }),
              )
            }
          >
            Stop updating automatically
          </Button>
        </div>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => postJson("/api/auto-updates", { hostId, containerName: name, cron }));
          }}
        >
          <label className="flex flex-col gap-1">
            <span className="text-slate-700">Update automatically, on the schedule (cron)</span>
            <input
              className="w-48 rounded-md border border-slate-300 px-2 py-1.5 font-mono"
              value={cron}
              onChange={(e) => setCron(e.target.value)}
              aria-invalid={error?.field === "cron"}
              data-testid="auto-update-cron"
            />
          </label>
          <Button type="submit" variant="secondary" disabled={busy}>
            Update automatically
          </Button>
        </form>
      )}
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
