"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RowInput, TextAreaField } from "@/components/ui/controls";
import { AddButton, RemoveButton, RowHeader, SectionError } from "./form-parts";
import { mergeEnv, parseDotEnv } from "./run-form-model";
import type { RunFormState } from "./use-run-form-state";

/** Environment variables, typed one by one or pasted as a .env file. */
export function EnvSection({ state }: { state: RunFormState }) {
  const { form, setForm, err, updateRow, addRow, removeRow } = state;
  const [dotEnv, setDotEnv] = useState("");
  const [dotEnvErrors, setDotEnvErrors] = useState<string[]>([]);
  const applyDotEnv = () => {
    const { rows, errors: problems } = parseDotEnv(dotEnv);
    setForm((f) => ({ ...f, env: mergeEnv(f.env, rows) }));
    setDotEnvErrors(problems);
    if (problems.length === 0) setDotEnv("");
  };
  return (
    <Card title="Environment">
      <div className="space-y-3" data-section="env">
        <SectionError id="env" error={err("env")} />
        {form.env.length > 0 ? (
          <RowHeader columns="grid-cols-[1fr_2fr_2rem]" labels={["Name", "Value", ""]} />
        ) : null}
        {form.env.map((row, i) => (
          <div key={row.key} className="grid grid-cols-[1fr_2fr_2rem] items-start gap-2">
            <RowInput
              id={`env-${i}-key`}
              label="Variable name"
              value={row.name}
              error={err(`env-${i}-key`)}
              onChange={(e) => updateRow("env", i, { name: e.target.value })}
            />
            <RowInput
              id={`env-${i}-value`}
              label={`Value of ${row.name || "variable"}`}
              value={row.value}
              error={err(`env-${i}-value`)}
              onChange={(e) => updateRow("env", i, { value: e.target.value })}
            />
            <RemoveButton label="Remove variable" onClick={() => removeRow("env", i)} />
          </div>
        ))}
        <AddButton onClick={() => addRow("env")}>Add variable</AddButton>
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">
            Paste a .env file
          </summary>
          <div className="mt-2 space-y-2">
            <TextAreaField
              id="dotenv"
              label="KEY=VALUE lines"
              hint="# comments and blank lines are skipped; names already above get the new value."
              rows={5}
              value={dotEnv}
              onChange={(e) => setDotEnv(e.target.value)}
            />
            <Button
              type="button"
              variant="secondary"
              onClick={applyDotEnv}
              disabled={!dotEnv.trim()}
              data-testid="dotenv-apply"
            >
              Add to environment
            </Button>
            {dotEnvErrors.length > 0 ? (
              <ul className="list-disc pl-5 text-sm text-red-700" data-testid="dotenv-errors">
                {dotEnvErrors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </details>
      </div>
    </Card>
  );
}
