"use client";

import { useState } from "react";
import { ApiError, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";

const INPUT = "rounded-md border border-slate-300 px-2 py-1.5";

/** A new policy for every running container with a label (key, or key=value) on the host. */
export function LabelPolicyForm({ hostId, onSaved }: { hostId: string; onSaved: () => void }) {
  const [labelKey, setLabelKey] = useState("");
  const [labelValue, setLabelValue] = useState("");
  const [cron, setCron] = useState("0 4 * * *");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  return (
    <form
      className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3"
      data-testid="label-policy-form"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        postJson("/api/auto-updates", {
          hostId,
          labelKey: labelKey.trim(),
          ...(labelValue ? { labelValue } : {}),
          cron,
        })
          .then(() => {
            setLabelKey("");
            setLabelValue("");
            onSaved();
          })
          .catch((err: unknown) =>
            setError({
              message: errorText(err),
              field: err instanceof ApiError ? err.field : undefined,
            }),
          )
          .finally(() => setBusy(false));
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="text-slate-700">Label</span>
        <input
          className={INPUT}
          value={labelKey}
          onChange={(e) => setLabelKey(e.target.value)}
          placeholder="com.example.autoupdate"
          aria-invalid={error?.field === "labelKey"}
          required
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-slate-700">Value (empty: any)</span>
        <input
          className={INPUT}
          value={labelValue}
          onChange={(e) => setLabelValue(e.target.value)}
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-slate-700">Schedule (cron)</span>
        <input
          className={`${INPUT} w-40 font-mono`}
          value={cron}
          onChange={(e) => setCron(e.target.value)}
          aria-invalid={error?.field === "cron"}
        />
      </label>
      <Button type="submit" variant="secondary" disabled={busy || !labelKey.trim()}>
        Update containers with this label automatically
      </Button>
      {error ? (
        <p className="w-full text-red-700" role="alert">
          {error.message}
        </p>
      ) : null}
    </form>
  );
}
