"use client";

import { useState } from "react";
import { AlertHostMetricSchema } from "@/lib/protocol";
import { Field } from "@/components/ui/field";
import { Checkbox, SelectField, TextAreaField } from "@/components/ui/controls";
import { METRICS } from "../alert-words";
import { testPattern } from "./pattern-test";
import type { RuleFormState } from "./rule-form-model";

type Props = {
  form: RuleFormState;
  set: <K extends keyof RuleFormState>(key: K, value: RuleFormState[K]) => void;
  error: (field: string) => string | undefined;
  readOnly: boolean;
};

/** The fields of the chosen kind of rule. */
export function ConditionFields({ form, set, error, readOnly }: Props) {
  const text = (key: keyof RuleFormState, field: string, label: string, extra = {}) => (
    <Field
      id={`rule-${key}`}
      label={label}
      inputMode="decimal"
      value={form[key] as string}
      onChange={(e) => set(key, e.target.value as never)}
      error={error(field)}
      disabled={readOnly}
      {...extra}
    />
  );
  switch (form.kind) {
    case "host_metric":
      return (
        <div className="grid gap-3 sm:grid-cols-4">
          <SelectField
            id="rule-metric"
            label="Metric"
            value={form.metric}
            onChange={(e) => set("metric", e.target.value as RuleFormState["metric"])}
            error={error("condition.metric")}
            disabled={readOnly}
          >
            {AlertHostMetricSchema.options.map((m) => (
              <option key={m} value={m}>
                {METRICS[m].label}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="rule-op"
            label="When it is"
            value={form.op}
            onChange={(e) => set("op", e.target.value as RuleFormState["op"])}
            disabled={readOnly}
          >
            <option value="above">above</option>
            <option value="below">below</option>
          </SelectField>
          {text("threshold", "condition.threshold", `Threshold (${METRICS[form.metric].unit})`)}
          {text("metricForSeconds", "condition.forSeconds", "For (seconds)")}
        </div>
      );
    case "host_offline":
      return text("offlineForSeconds", "condition.forSeconds", "Offline for (seconds)");
    case "container_exit":
      return text("ignoreExitCodes", "condition.ignoreExitCodes", "Exit codes to ignore", {
        inputMode: "text",
        placeholder: "e.g. 143, 137",
      });
    case "container_unhealthy":
      return text("unhealthyForSeconds", "condition.forSeconds", "Unhealthy for (seconds)");
    case "container_restarts":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          {text("restartCount", "condition.count", "More than this many restarts")}
          {text("restartWindowMinutes", "condition.windowMinutes", "Within (minutes)")}
        </div>
      );
    case "log_pattern":
      return <LogPatternFields form={form} set={set} error={error} readOnly={readOnly} />;
    case "container_oom":
    case "image_update":
      return null;
  }
}

function LogPatternFields({ form, set, error, readOnly }: Props) {
  const [line, setLine] = useState("");
  const result = line ? testPattern(form.pattern, form.ignoreCase, line) : null;
  return (
    <div className="space-y-3">
      <Field
        id="rule-pattern"
        label="Pattern (a JavaScript regular expression, without slashes)"
        value={form.pattern}
        onChange={(e) => set("pattern", e.target.value)}
        error={error("condition.pattern")}
        disabled={readOnly}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <Checkbox
          id="rule-ignore-case"
          label="Ignore case"
          checked={form.ignoreCase}
          onChange={(e) => set("ignoreCase", e.target.checked)}
          disabled={readOnly}
        />
        <SelectField
          id="rule-stream"
          label="Stream"
          value={form.stream}
          onChange={(e) => set("stream", e.target.value as RuleFormState["stream"])}
          disabled={readOnly}
        >
          <option value="any">stdout and stderr</option>
          <option value="stdout">stdout</option>
          <option value="stderr">stderr</option>
        </SelectField>
        <Field
          id="rule-quietSeconds"
          label="Resolves after no match for (seconds)"
          inputMode="numeric"
          value={form.quietSeconds}
          onChange={(e) => set("quietSeconds", e.target.value)}
          error={error("condition.quietSeconds")}
          disabled={readOnly}
        />
      </div>
      <div className="space-y-1 rounded-md bg-slate-50 p-3">
        <TextAreaField
          id="rule-pattern-test"
          label="Test this pattern against a log line"
          rows={2}
          value={line}
          onChange={(e) => setLine(e.target.value)}
        />
        <p className="text-sm" role="status" data-testid="pattern-test-result">
          {result === null
            ? "Paste a line to see whether it matches."
            : !result.ok
              ? result.error
              : result.matched
                ? `Matches: “${result.match}”`
                : "Does not match."}
        </p>
      </div>
    </div>
  );
}
