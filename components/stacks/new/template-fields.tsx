"use client";

import { useEffect, useState } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { stacksApi, type StackTemplate } from "../api";

export type TemplateChoice = { template: StackTemplate | null; variables: Record<string, string> };

/** The variables a template still needs, by name. */
export function missingVariables(choice: TemplateChoice): string[] {
  return (choice.template?.variables ?? [])
    .filter((v) => v.required && !v.generate && !(choice.variables[v.name] ?? "").trim())
    .map((v) => v.name);
}

/** Picks a template from the catalogue and fills in its variables. */
export function TemplateFields({
  choice,
  onChange,
}: {
  choice: TemplateChoice;
  onChange: (choice: TemplateChoice) => void;
}) {
  const [templates, setTemplates] = useState<StackTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    api<{ templates: StackTemplate[] }>(stacksApi("templates"), { signal: abort.signal })
      .then((answer) => setTemplates(answer.templates))
      .catch((err: unknown) => {
        if (!abort.signal.aborted) setError(errorText(err));
      });
    return () => abort.abort();
  }, []);

  const pick = (id: string) => {
    const template = templates?.find((t) => t.id === id) ?? null;
    onChange({
      template,
      variables: Object.fromEntries(
        (template?.variables ?? []).map((v) => [v.name, v.default ?? ""]),
      ),
    });
  };

  if (error) return <ErrorMessage>Could not load the templates: {error}</ErrorMessage>;
  if (!templates) return <p className="text-sm text-slate-500">Loading templates…</p>;
  if (templates.length === 0)
    return <p className="text-sm text-slate-500">The template catalogue is empty.</p>;
  const template = choice.template;
  return (
    <div className="space-y-3" data-testid="template-fields">
      <SelectField
        id="template"
        label="Template to deploy"
        value={template?.id ?? ""}
        onChange={(e) => pick(e.target.value)}
      >
        <option value="">Choose a template…</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </SelectField>
      {template?.description ? (
        <p className="text-sm text-slate-600">{template.description}</p>
      ) : null}
      {template ? (
        <div className="grid gap-3 md:grid-cols-2">
          {template.variables.map((v) => (
            <div key={v.name}>
              <Field
                id={`template-var-${v.name}`}
                label={`${v.label}${v.required && !v.generate ? "" : " (optional)"}`}
                type={v.secret ? "password" : "text"}
                autoComplete="off"
                placeholder={v.generate ? "left empty, a random value is made" : undefined}
                value={choice.variables[v.name] ?? ""}
                onChange={(e) =>
                  onChange({
                    ...choice,
                    variables: { ...choice.variables, [v.name]: e.target.value },
                  })
                }
              />
              {v.description ? (
                <p className="mt-1 text-xs text-slate-500">{v.description}</p>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
