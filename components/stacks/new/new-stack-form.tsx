"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ComposeProjectNameSchema } from "@/lib/protocol";
import { ErrorMessage } from "@/components/ui/alert";
import { errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox, SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { HostOptions } from "@/components/ui/host-options";
import {
  DEFAULT_COMPOSE_PATH,
  STARTER_COMPOSE,
  stacksApi,
  type CreatedStackAnswer,
  type HostOption,
  type StackSourceDraft,
} from "../api";
import { DeploySteps } from "../deploy-steps";
import { newDraft, toSource } from "../editor/draft-model";
import { StackEditor } from "../editor/stack-editor";
import { usePlan } from "../editor/use-plan";
import {
  EMPTY_GIT_FORM,
  GitFields,
  gitBodyOf,
  type GitForm,
  type GitFormErrors,
} from "../git-fields";
import { firstFailure, describeFailure } from "../steps-model";
import { useComposeSteps } from "../use-compose-steps";
import { WebhookUrl } from "../webhook-url";
import { missingVariables, TemplateFields, type TemplateChoice } from "./template-fields";

type SourceKind = "editor" | "git" | "template";

const SOURCES: { kind: SourceKind; label: string }[] = [
  { kind: "editor", label: "Editor" },
  { kind: "git", label: "Git repository" },
  { kind: "template", label: "Template" },
];

/** A new stack: host, name, and its files from the editor, a git repository or a template. */
export function NewStackForm({
  hosts,
  initialHostId,
}: {
  hosts: HostOption[];
  initialHostId: string | null;
}) {
  const router = useRouter();
  const [hostId, setHostId] = useState(
    hosts.find((h) => h.id === initialHostId && h.online)?.id ??
      hosts.find((h) => h.online)?.id ??
      "",
  );
  const [name, setName] = useState("");
  const [kind, setKind] = useState<SourceKind>("editor");
  const [draft, setDraft] = useState<StackSourceDraft>(() => newDraft(STARTER_COMPOSE));
  const [git, setGit] = useState<GitForm>(EMPTY_GIT_FORM);
  const [gitErrors, setGitErrors] = useState<GitFormErrors>({});
  const [template, setTemplate] = useState<TemplateChoice>({ template: null, variables: {} });
  const [deploy, setDeploy] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // a failed deploy or a new git stack stays on this page to say so, with a link to the stack
  const [created, setCreated] = useState<{ id: string; webhookPath: string | null } | null>(null);
  const steps = useComposeSteps();

  const nameCheck = ComposeProjectNameSchema.safeParse(name);
  const nameError = name && !nameCheck.success ? nameCheck.error.issues[0]?.message : undefined;
  const plan = usePlan({ hostId, name: kind === "editor" ? name : "", draft });
  const blocked =
    kind === "editor" &&
    ((plan.answer?.problems.length ?? 0) > 0 || (plan.answer?.refusals?.length ?? 0) > 0);

  function sourceBody(): Record<string, unknown> | null {
    if (kind === "editor") return toSource(draft);
    if (kind === "template") {
      if (!template.template) {
        setError("Choose a template.");
        return null;
      }
      const missing = missingVariables(template);
      if (missing.length > 0) {
        setError(`Fill in ${missing.join(", ")}.`);
        return null;
      }
      // the template's own files; the server fills in the variables (secrets kept sealed)
      return {
        files: [
          { path: DEFAULT_COMPOSE_PATH, content: template.template.compose },
          ...(template.template.files ?? []),
        ],
        composeFiles: [DEFAULT_COMPOSE_PATH],
        templateId: template.template.id,
        variables: Object.fromEntries(
          Object.entries(template.variables).filter(([, value]) => value !== ""),
        ),
      };
    }
    const checked = gitBodyOf(git);
    if ("errors" in checked) {
      setGitErrors(checked.errors);
      return null;
    }
    setGitErrors({});
    return { files: [], composeFiles: [checked.body.path], git: checked.body };
  }

  async function submit() {
    setError(null);
    if (!nameCheck.success) {
      setError(nameCheck.error.issues[0]?.message ?? "Give the stack a name.");
      return;
    }
    const source = sourceBody();
    if (!source) return;
    setBusy(true);
    const callId = deploy ? steps.begin() : undefined;
    try {
      const answer = await postJson<CreatedStackAnswer>(stacksApi(), {
        hostId,
        name: nameCheck.data,
        ...source,
        deploy,
        ...(callId ? { callId } : {}),
      });
      steps.finish(answer.steps ?? []);
      const failedStep = firstFailure(answer.steps ?? []);
      const failure =
        answer.deployError?.message ?? (failedStep ? describeFailure(failedStep) : null);
      if (failure) setError(`The stack was saved but did not deploy: ${failure}`);
      if (kind === "git" || failure) {
        // the secret webhook URL is shown here, once
        setCreated({ id: answer.id, webhookPath: answer.webhookPath ?? null });
      } else {
        router.push(`/stacks/${encodeURIComponent(answer.id)}`);
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    // not a <form>: the editor's dialogs and the add-file form sit inside, and forms cannot nest
    <div className="space-y-4" data-testid="new-stack-form">
      <h1 className="text-2xl font-semibold">New stack</h1>
      <Card>
        <div className="grid gap-3 md:grid-cols-2">
          <SelectField
            id="stack-host"
            label="Host"
            value={hostId}
            onChange={(e) => setHostId(e.target.value)}
          >
            <HostOptions hosts={hosts} disableOffline />
          </SelectField>
          <Field
            id="stack-name"
            label="Stack name"
            placeholder="shop"
            value={name}
            error={nameError}
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <fieldset className="mt-4 flex flex-wrap gap-2" data-testid="stack-source">
          <legend className="mb-1 text-sm font-medium text-slate-700">Files from</legend>
          {SOURCES.map((s) => (
            <label
              key={s.kind}
              className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm ${kind === s.kind ? "border-sky-700 bg-sky-50 text-sky-900" : "border-slate-300 bg-white text-slate-700"}`}
            >
              <input
                type="radio"
                name="stack-source"
                value={s.kind}
                className="sr-only"
                checked={kind === s.kind}
                onChange={() => setKind(s.kind)}
              />
              {s.label}
            </label>
          ))}
        </fieldset>
      </Card>

      {kind === "editor" ? <StackEditor draft={draft} onDraft={setDraft} plan={plan} /> : null}
      {kind === "git" ? (
        <Card title="Git repository">
          <GitFields form={git} onChange={setGit} errors={gitErrors} />
        </Card>
      ) : null}
      {kind === "template" ? (
        <Card title="Template">
          <TemplateFields choice={template} onChange={setTemplate} />
        </Card>
      ) : null}

      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {steps.callId ? (
        <DeploySteps
          steps={steps.steps}
          running={busy}
          title={
            busy ? `Deploying ${name}` : error ? `Deploying ${name} failed` : `Deployed ${name}`
          }
        />
      ) : null}

      {created ? (
        <Card title="Stack created">
          {created.webhookPath ? <WebhookUrl path={created.webhookPath} /> : null}
          <Link
            href={`/stacks/${encodeURIComponent(created.id)}`}
            className="mt-3 inline-flex text-sm font-medium text-sky-700 hover:underline"
          >
            Open the stack
          </Link>
        </Card>
      ) : (
        <div className="flex flex-wrap items-center gap-4">
          <Checkbox
            id="stack-deploy-now"
            label="Deploy now"
            checked={deploy}
            onChange={(e) => setDeploy(e.target.checked)}
          />
          <Button
            onClick={() => void submit()}
            disabled={busy || !hostId || blocked}
            data-testid="stack-create"
            title={blocked ? "Fix the problems first." : undefined}
          >
            {busy ? (deploy ? "Deploying…" : "Saving…") : deploy ? "Create and deploy" : "Save"}
          </Button>
        </div>
      )}
    </div>
  );
}
