"use client";

import { useCallback, useEffect, useState } from "react";
import type { AutoUpdatePolicyView } from "@/lib/protocol";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { lastRunText } from "./auto-update-form";
import { LabelPolicyForm } from "./label-policy-form";

/** A host's automatic update policies: what each covers, when it runs, how its last run went. */
export function AutoUpdatePolicies({ hostId, canManage }: { hostId: string; canManage: boolean }) {
  const [policies, setPolicies] = useState<AutoUpdatePolicyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api<{ policies: AutoUpdatePolicyView[] }>(
      `/api/auto-updates?hostId=${encodeURIComponent(hostId)}`,
    )
      .then((body) => setPolicies(body.policies))
      .catch((err: unknown) => setError(errorText(err)));
  }, [hostId]);
  useEffect(load, [load]);

  const change = (policy: AutoUpdatePolicyView, init: RequestInit & { json?: unknown }) => {
    setError(null);
    api(`/api/auto-updates/${encodeURIComponent(policy.id)}`, init)
      .then(load)
      .catch((err: unknown) => setError(errorText(err)));
  };

  if (!policies) return error ? <p className="text-sm text-red-700">{error}</p> : null;
  return (
    <div className="space-y-2 text-sm" data-testid="auto-update-policies">
      {policies.length === 0 ? (
        <p className="text-slate-600">
          No container on this host is updated automatically. Turn it on for one container on its
          page, or for every container with a label below.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {policies.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-3 py-2">
              <span className="font-medium text-slate-800">
                {p.containerName ??
                  `label ${p.labelKey}${p.labelValue === null ? "" : `=${p.labelValue}`}`}
              </span>
              <span className="font-mono text-xs text-slate-600">{p.cron}</span>
              <span className={p.lastOk === false ? "text-amber-800" : "text-slate-600"}>
                {p.enabled ? lastRunText(p) : "Switched off."}
              </span>
              <span className="text-xs text-slate-500">runs as {p.createdBy}</span>
              {canManage ? (
                <span className="ml-auto flex gap-2">
                  <Button
                    variant="secondary"
                    onClick={() => change(p, { method: "PATCH", json: { enabled: !p.enabled } })}
                  >
                    {p.enabled ? "Switch off" : "Switch on"}
                  </Button>
                  <Button variant="secondary" onClick={() => change(p, { method: "DELETE" })}>
                    Remove
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {error ? <p className="text-red-700">{error}</p> : null}
      {canManage ? <LabelPolicyForm hostId={hostId} onSaved={load} /> : null}
    </div>
  );
}
