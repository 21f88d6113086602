"use client";

import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import type { RunForm } from "./run-form-model";
import type { RunFormState } from "./use-run-form-state";

/** The image's healthcheck, a custom one, or none. */
export function HealthcheckSection({ state }: { state: RunFormState }) {
  const { form, err, set } = state;
  return (
    <Card title="Healthcheck">
      <div className="space-y-3" data-section="healthcheck">
        <SelectField
          id="healthMode"
          label="Check"
          value={form.healthMode}
          onChange={(e) => set("healthMode", e.target.value as RunForm["healthMode"])}
        >
          <option value="image">As the image defines it</option>
          <option value="shell">Shell command (CMD-SHELL)</option>
          <option value="cmd">Command (CMD, shell words)</option>
          <option value="none">Disable the image’s check</option>
        </SelectField>
        {form.healthMode === "cmd" || form.healthMode === "shell" ? (
          <>
            <Field
              id="healthcheck"
              label="Command"
              placeholder="curl -fsS http://localhost/ || exit 1"
              value={form.healthTest}
              error={err("healthcheck") ?? err("healthcheck-test")}
              onChange={(e) => set("healthTest", e.target.value)}
            />
            <div className="grid gap-4 md:grid-cols-4">
              <Field
                id="healthcheck-intervalSeconds"
                label="Interval"
                placeholder="30s"
                value={form.healthInterval}
                error={err("healthcheck-intervalSeconds")}
                onChange={(e) => set("healthInterval", e.target.value)}
              />
              <Field
                id="healthcheck-timeoutSeconds"
                label="Timeout"
                placeholder="5s"
                value={form.healthTimeout}
                error={err("healthcheck-timeoutSeconds")}
                onChange={(e) => set("healthTimeout", e.target.value)}
              />
              <Field
                id="healthcheck-startPeriodSeconds"
                label="Start period"
                placeholder="10s"
                value={form.healthStartPeriod}
                error={err("healthcheck-startPeriodSeconds")}
                onChange={(e) => set("healthStartPeriod", e.target.value)}
              />
              <Field
                id="healthcheck-retries"
                label="Retries"
                inputMode="numeric"
                placeholder="3"
                value={form.healthRetries}
                error={err("healthcheck-retries")}
                onChange={(e) => set("healthRetries", e.target.value)}
              />
            </div>
          </>
        ) : null}
      </div>
    </Card>
  );
}
