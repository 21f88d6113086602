"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { AlertRuleKindSchema, type AlertRuleView } from "@/lib/protocol";
import type { AlertScopeOptions } from "@/lib/services/alerts/list-alert-scope-options";
import { ErrorMessage } from "@/components/ui/alert";
import { api, ApiError, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox, FieldError, SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { describeScope, KIND_WORDS, SEVERITY_WORDS } from "../alert-words";
import { ConditionFields } from "./condition-fields";
import { ScopeFields } from "./scope-fields";
import { EMPTY_RULE_FORM, fromRuleView, toRuleInput, type RuleFormState } from "./rule-form-model";

type ChannelOption = { id: string; name: string; type: string };

/** GET /api/alerts/channels; none when there is no channel (or no such route yet). */
async function loadChannels(): Promise<ChannelOption[]> {
  try {
    const body = await api<{ channels?: ChannelOption[] } | ChannelOption[]>(
      "/api/alerts/channels",
    );
    return Array.isArray(body) ? body : (body.channels ?? []);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return [];
    throw err;
  }
}

/** A new rule, or a saved one (read-only for those who may not change it). */
export function RuleForm({ rule, options }: { rule?: AlertRuleView; options: AlertScopeOptions }) {
  const router = useRouter();
  const readOnly = rule !== undefined && !rule.canManage;
  const [form, setForm] = useState<RuleFormState>(rule ? fromRuleView(rule) : EMPTY_RULE_FORM);
  const [channels, setChannels] = useState<ChannelOption[] | null>(null);
  const [channelError, setChannelError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadChannels().then(setChannels, (err: unknown) => setChannelError(errorText(err)));
  }, []);

  const set = <K extends keyof RuleFormState>(key: K, value: RuleFormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const fieldError = (field: string) =>
    error?.field && (error.field === field || error.field.startsWith(`${field}.`))
      ? error.message
      : undefined;
  const shownAtField = (field: string | undefined) =>
    field !== undefined &&
    /^(name|severity|channelIds|condition\.(metric|threshold|forSeconds|ignoreExitCodes|count|windowMinutes|pattern|quietSeconds)|scope\.(hostIds|hostGroupIds|containerNamePattern|labels))/.test(
      field,
    );

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const body = toRuleInput(form);
      if (rule) {
        await api(`/api/alerts/rules/${encodeURIComponent(rule.id)}`, {
          method: "PATCH",
          json: body,
        });
      } else {
        await api("/api/alerts/rules", { method: "POST", json: body });
      }
      router.push("/alerts/rules");
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(errorText(err), "ERROR", 0));
      setBusy(false);
    }
  }

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="rule-form"
    >
      {readOnly ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
          You can read this rule; changing it needs the host admin role on every host it watches.
        </p>
      ) : null}
      {error && !shownAtField(error.field) ? <ErrorMessage>{error.message}</ErrorMessage> : null}
      <Card title="Rule">
        <div className="grid gap-3 sm:grid-cols-3">
          <Field
            id="rule-name"
            label="Name"
            value={form.name}
            onChange={(e) => set("name", e.target.value)}
            error={fieldError("name")}
            disabled={readOnly}
            maxLength={100}
          />
          <SelectField
            id="rule-severity"
            label="Severity"
            value={form.severity}
            onChange={(e) => set("severity", e.target.value as RuleFormState["severity"])}
            error={fieldError("severity")}
            disabled={readOnly}
          >
            {(["info", "warning", "critical"] as const).map((s) => (
              <option key={s} value={s}>
                {SEVERITY_WORDS[s].word}
              </option>
            ))}
          </SelectField>
          <div className="pt-7">
            <Checkbox
              id="rule-enabled"
              label="Enabled"
              checked={form.enabled}
              onChange={(e) => set("enabled", e.target.checked)}
              disabled={readOnly}
            />
          </div>
        </div>
      </Card>
      <Card title="What to watch">
        <div className="space-y-3">
          <SelectField
            id="rule-kind"
            label="Kind"
            value={form.kind}
            onChange={(e) => set("kind", e.target.value as RuleFormState["kind"])}
            disabled={readOnly}
          >
            {AlertRuleKindSchema.options.map((k) => (
              <option key={k} value={k}>
                {KIND_WORDS[k]}
              </option>
            ))}
          </SelectField>
          <ConditionFields form={form} set={set} error={fieldError} readOnly={readOnly} />
        </div>
      </Card>
      <Card title="Where">
        <ScopeFields
          form={form}
          set={set}
          error={fieldError}
          options={options}
          readOnly={readOnly}
          scopeText={rule ? describeScope(rule.scope, rule.scopeNames) : undefined}
        />
      </Card>
      <Card title="Notify">
        <fieldset className="space-y-1" aria-describedby="rule-channels-error">
          <legend className="text-sm font-medium text-slate-700">Channels</legend>
          {channelError ? <ErrorMessage>{channelError}</ErrorMessage> : null}
          {channels === null && !channelError ? (
            <p className="text-sm text-slate-500">Loading channels…</p>
          ) : null}
          {channels?.length === 0 ? (
            <p className="text-sm text-slate-500" data-testid="no-channels">
              No channels yet. The rule still records alerts and shows them in the app.
            </p>
          ) : null}
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {(channels ?? []).map((c) => (
              <label key={c.id} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  checked={form.channelIds.includes(c.id)}
                  disabled={readOnly}
                  onChange={(e) =>
                    set(
                      "channelIds",
                      e.target.checked
                        ? [...form.channelIds, c.id]
                        : form.channelIds.filter((id) => id !== c.id),
                    )
                  }
                />
                {c.name} <span className="text-slate-500">({c.type})</span>
              </label>
            ))}
          </div>
          <FieldError id="rule-channels" error={fieldError("channelIds")} />
        </fieldset>
      </Card>
      {readOnly ? null : (
        <div className="flex gap-2">
          <Button type="submit" disabled={busy}>
            {rule ? "Save rule" : "Create rule"}
          </Button>
          <Button type="button" variant="secondary" onClick={() => router.push("/alerts/rules")}>
            Cancel
          </Button>
        </div>
      )}
    </form>
  );
}
