"use client";

import { useState } from "react";
import type { StackDetail, StackGitSource } from "@/lib/services/stacks/stack-row";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { api, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { formatRelative } from "@/components/ui/format";
import { stackApi } from "../api";
import { GitFields, gitBodyOf, type GitForm, type GitFormErrors } from "../git-fields";
import { WebhookUrl } from "../webhook-url";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-slate-800">{children}</dd>
    </div>
  );
}

const formOf = (git: StackGitSource): GitForm => ({
  url: git.url,
  branch: git.branch,
  path: git.path,
  auth: git.auth,
  secret: "",
  knownHost: "",
  pollSeconds: git.pollSeconds === null ? "" : String(git.pollSeconds),
});

/** A git stack's source: where it comes from, the commit deployed, the webhook; redeploy. */
export function GitTab({
  detail,
  git,
  busy,
  onSaved,
  onRedeploy,
  steps,
}: {
  detail: StackDetail;
  git: StackGitSource;
  busy: boolean;
  onSaved: (detail: StackDetail) => void;
  onRedeploy: () => void;
  steps: React.ReactNode;
}) {
  const id = detail.row.id ?? "";
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<GitForm>(() => formOf(git));
  const [errors, setErrors] = useState<GitFormErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [webhookPath, setWebhookPath] = useState(git.webhookPath);
  const deployed = detail.row.lastDeploy?.commit ?? null;

  async function save() {
    const checked = gitBodyOf(form, git.auth === form.auth);
    if ("errors" in checked) return setErrors(checked.errors);
    setErrors({});
    setError(null);
    try {
      const next = await api<StackDetail>(stackApi(id), {
        method: "PUT",
        json: { files: detail.files, composeFiles: [checked.body.path], git: checked.body },
      });
      onSaved(next);
      setEditing(false);
      setNotice("Saved. Pull and redeploy to deploy from the new source.");
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function regenerate() {
    if (!window.confirm("Make a new webhook URL? The old one stops working at once.")) return;
    setError(null);
    try {
      const answer = await postJson<{ webhookPath: string }>(stackApi(id, "webhook"));
      setWebhookPath(answer.webhookPath);
      setNotice("New webhook URL made; update it in the repository's settings.");
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="space-y-4" data-testid="stack-git-tab">
      {notice ? <SuccessMessage testId="notice">{notice}</SuccessMessage> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {git.lastFetchError ? (
        <ErrorMessage>Last fetch failed: {git.lastFetchError}</ErrorMessage>
      ) : null}
      {editing ? (
        <div className="space-y-3">
          <GitFields
            form={form}
            onChange={setForm}
            errors={errors}
            secretStored={git.auth !== "none"}
          />
          <div className="flex gap-2">
            <Button onClick={() => void save()}>Save source</Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <dl>
          <Row label="Repository">{git.url}</Row>
          <Row label="Branch">{git.branch}</Row>
          <Row label="Compose file">{git.path}</Row>
          <Row label="Authentication">
            {git.auth === "none" ? "none" : git.auth === "token" ? "access token" : "SSH key"}
          </Row>
          <Row label="Polls">
            {git.pollSeconds === null ? "never (webhook only)" : `every ${git.pollSeconds} s`}
          </Row>
          <Row label="Commit deployed">
            <span className="font-mono text-xs" data-testid="git-commit-deployed">
              {deployed ?? "—"}
            </span>
            {detail.row.lastDeploy ? (
              <span className="ml-2 text-slate-500">
                {formatRelative(detail.row.lastDeploy.at)}
              </span>
            ) : null}
          </Row>
          <Row label="Latest fetched">
            <span className="font-mono text-xs">{git.commit ?? "—"}</span>
            {git.commit && deployed && git.commit !== deployed ? (
              <span className="ml-2 text-amber-700">not deployed yet</span>
            ) : null}
          </Row>
        </dl>
      )}
      {detail.canDeploy && !editing ? (
        <div className="flex flex-wrap gap-2">
          <Button disabled={busy} onClick={onRedeploy}>
            Pull and redeploy
          </Button>
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Change source
          </Button>
          {/* the secret is kept only as a hash: a lost URL is replaced, never shown again */}
          <Button variant="secondary" onClick={() => void regenerate()}>
            Regenerate webhook URL
          </Button>
        </div>
      ) : null}
      {steps}
      {webhookPath ? <WebhookUrl path={webhookPath} /> : null}
    </div>
  );
}
