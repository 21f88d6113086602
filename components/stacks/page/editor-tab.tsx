"use client";

import { useState } from "react";
import type { StackDetail } from "@/lib/services/stacks/stack-row";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { stackApi, type StackSourceDraft } from "../api";
import { toSource } from "../editor/draft-model";
import { StackEditor } from "../editor/stack-editor";
import { usePlan } from "../editor/use-plan";

function draftOf(detail: StackDetail): StackSourceDraft {
  return {
    files: detail.files,
    composeFiles: detail.composeFiles,
    ...(detail.envFile ? { envFile: detail.envFile } : {}),
    ...(detail.profiles.length > 0 ? { profiles: detail.profiles } : {}),
  };
}

/**
 * The stack's files: edit, check on the host as typed, see what deploying would change, save,
 * or save and deploy. A git stack's files come from its repository and are shown read-only.
 */
export function EditorTab({
  detail,
  busy,
  onSaved,
  onDeploy,
  steps,
}: {
  detail: StackDetail;
  busy: boolean;
  onSaved: (detail: StackDetail) => void;
  onDeploy: () => void;
  /** The live steps, when the last deploy started here. */
  steps: React.ReactNode;
}) {
  const [draft, setDraft] = useState<StackSourceDraft>(() => draftOf(detail));
  const [saved, setSaved] = useState(() => JSON.stringify(draftOf(detail)));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fromGit = detail.git !== null;
  const readOnly = fromGit || !detail.canDeploy;
  const plan = usePlan({
    hostId: detail.row.hostId,
    name: detail.row.name,
    draft,
    stackId: detail.row.id ?? undefined,
    enabled: detail.canDeploy,
  });
  const dirty = JSON.stringify(draft) !== saved;
  const blocked =
    (plan.answer?.problems.length ?? 0) > 0 || (plan.answer?.refusals?.length ?? 0) > 0;

  async function save(): Promise<boolean> {
    if (!detail.row.id) return false;
    setSaving(true);
    setError(null);
    try {
      const next = await api<StackDetail>(stackApi(detail.row.id), {
        method: "PUT",
        json: { ...toSource(draft), ...(detail.git ? { git: detail.git } : {}) },
      });
      setSaved(JSON.stringify(draft));
      onSaved(next);
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="space-y-3" data-testid="stack-editor-tab">
      {fromGit ? (
        <p className="text-sm text-slate-600">
          These files come from the repository (Git tab); change them there and redeploy.
        </p>
      ) : null}
      {detail.withheldFiles.length > 0 ? (
        <p className="text-sm text-slate-600" data-testid="withheld-files">
          Not shown because they may hold secrets (users who may deploy the stack see them):{" "}
          {detail.withheldFiles.join(", ")}
        </p>
      ) : null}
      <StackEditor
        draft={draft}
        onDraft={setDraft}
        plan={plan}
        readOnly={readOnly}
        checked={detail.canDeploy}
      />
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {readOnly ? null : (
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            disabled={!dirty || saving || busy}
            onClick={() => void save()}
          >
            {saving ? "Saving…" : "Save"}
          </Button>
          <Button
            data-testid="editor-deploy"
            disabled={saving || busy || blocked}
            title={blocked ? "Fix the problems first." : undefined}
            onClick={() => {
              void (async () => {
                if (!dirty || (await save())) onDeploy();
              })();
            }}
          >
            {dirty ? "Save and deploy" : "Deploy"}
          </Button>
          {dirty ? <span className="text-sm text-amber-700">Unsaved changes</span> : null}
        </div>
      )}
      {steps}
    </div>
  );
}
