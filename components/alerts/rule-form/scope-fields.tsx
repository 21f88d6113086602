"use client";

import type { AlertScopeOptions } from "@/lib/services/alerts/list-alert-scope-options";
import { Field } from "@/components/ui/field";
import { FieldError, TextAreaField } from "@/components/ui/controls";
import type { RuleFormState } from "./rule-form-model";

function Picks({
  id,
  legend,
  options,
  chosen,
  onChange,
  error,
  readOnly,
  none,
}: {
  id: string;
  legend: string;
  options: Array<{ id: string; name: string }>;
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  readOnly: boolean;
  none: string;
}) {
  // a saved rule may name hosts the form does not offer (the reader cannot manage them)
  const shown = [
    ...options,
    ...chosen.filter((c) => !options.some((o) => o.id === c)).map((c) => ({ id: c, name: c })),
  ];
  return (
    <fieldset className="space-y-1" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {shown.length === 0 ? <p className="text-sm text-slate-500">{none}</p> : null}
      <div className="flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
        {shown.map((o) => (
          <label key={o.id} className="flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              checked={chosen.includes(o.id)}
              disabled={readOnly}
              onChange={(e) =>
                onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id))
              }
            />
            {o.name}
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

/** Which hosts and containers the rule watches. */
export function ScopeFields({
  form,
  set,
  error,
  options,
  readOnly,
  scopeText,
}: {
  form: RuleFormState;
  set: <K extends keyof RuleFormState>(key: K, value: RuleFormState[K]) => void;
  error: (field: string) => string | undefined;
  options: AlertScopeOptions;
  readOnly: boolean;
  /** a saved rule's scope in words, shown instead of the pickers to those who may not change it */
  scopeText?: string;
}) {
  if (readOnly && scopeText) {
    return (
      <p className="text-sm" data-testid="rule-scope">
        Watches {scopeText}.
      </p>
    );
  }
  const every = form.hostIds.length === 0 && form.hostGroupIds.length === 0;
  return (
    <div className="space-y-3">
      <Picks
        id="rule-hosts"
        legend="Hosts"
        options={options.hosts}
        chosen={form.hostIds}
        onChange={(ids) => set("hostIds", ids)}
        error={error("scope.hostIds")}
        readOnly={readOnly}
        none="You administer no host."
      />
      <Picks
        id="rule-groups"
        legend="Host groups"
        options={options.groups}
        chosen={form.hostGroupIds}
        onChange={(ids) => set("hostGroupIds", ids)}
        error={error("scope.hostGroupIds")}
        readOnly={readOnly}
        none="No host group you administer."
      />
      <p className="text-xs text-slate-500" data-testid="rule-scope-hint">
        {every
          ? options.everyHost
            ? "No host and no group chosen: the rule watches every host, those added later too."
            : "Choose at least one host or group."
          : "A group covers the hosts added to it later too."}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id="rule-container-pattern"
          label="Container names (glob, e.g. web-*; empty: every container)"
          value={form.containerNamePattern}
          onChange={(e) => set("containerNamePattern", e.target.value)}
          error={error("scope.containerNamePattern")}
          disabled={readOnly}
        />
        <TextAreaField
          id="rule-labels"
          label="Container labels, one a line: key or key=value"
          rows={2}
          value={form.labels}
          onChange={(e) => set("labels", e.target.value)}
          error={error("scope.labels")}
          disabled={readOnly}
        />
      </div>
    </div>
  );
}
