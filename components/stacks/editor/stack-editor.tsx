"use client";

import { useMemo, useRef, useState } from "react";
import type { ComposeProblem } from "@/lib/protocol";
import { Button } from "@/components/ui/button";
import type { StackSourceDraft } from "../api";
import { AddFileForm } from "./add-file-form";
import { CodeEditor, type CodeEditorHandle } from "./code-editor";
import { addFile, contentOf, envPath, orderedPaths, removeFile, withContent } from "./draft-model";
import { PasteRunDialog } from "./paste-run-dialog";
import { PlanPreview, ProblemList, RefusalList } from "./plan-preview";
import { problemsByLine, samePath } from "./text-position";
import type { PlanState } from "./use-plan";

function tabLabel(draft: StackSourceDraft, path: string): string {
  if (path === envPath(draft)) return `${path} (variables)`;
  return path;
}

/**
 * A stack's files: one tab per file (compose files in merge order, the `.env`, the others), the
 * editor with problems marked at their lines, the problem list that jumps to them, the policy's
 * refusals per service and the preview of what deploying would do.
 */
export function StackEditor({
  draft,
  onDraft,
  plan,
  readOnly = false,
  checked = true,
}: {
  draft: StackSourceDraft;
  onDraft: (draft: StackSourceDraft) => void;
  plan: PlanState;
  readOnly?: boolean;
  /** The files are checked on the host (the caller may deploy): show problems and preview. */
  checked?: boolean;
}) {
  const paths = orderedPaths(draft);
  const [active, setActive] = useState(paths[0] ?? "");
  const [adding, setAdding] = useState(false);
  const [pasting, setPasting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const editor = useRef<CodeEditorHandle>(null);
  const shown = paths.includes(active) ? active : (paths[0] ?? "");
  const firstCompose = draft.composeFiles[0] ?? "";

  const problems = useMemo(() => plan.answer?.problems ?? [], [plan.answer]);
  const byLine = useMemo(() => problemsByLine(problems, shown), [problems, shown]);
  const countFor = (path: string) => problems.filter((p) => samePath(p.file, path)).length;

  const jump = (problem: ComposeProblem) => {
    const path = paths.find((p) => samePath(p, problem.file));
    if (path && path !== shown) setActive(path);
    // the tab's editor mounts on the next frame when the file changes
    requestAnimationFrame(() => editor.current?.jumpTo(problem.line, problem.column));
  };

  return (
    <div className={`grid gap-4 ${checked ? "lg:grid-cols-[minmax(0,1fr)_22rem]" : ""}`}>
      <div className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-center gap-1" role="tablist" aria-label="Stack files">
          {paths.map((path) => {
            const count = countFor(path);
            return (
              <button
                key={path}
                type="button"
                role="tab"
                aria-selected={path === shown}
                data-testid="file-tab"
                data-path={path}
                className={`rounded-t-md border-b-2 px-3 py-1.5 font-mono text-xs ${path === shown ? "border-sky-700 bg-white text-sky-900" : "border-transparent text-slate-600 hover:bg-slate-100"}`}
                onClick={() => setActive(path)}
              >
                {tabLabel(draft, path)}
                {count > 0 ? (
                  <span className="ml-1 rounded-full bg-red-600 px-1.5 text-[10px] text-white">
                    {count}
                  </span>
                ) : null}
              </button>
            );
          })}
          {readOnly ? null : (
            <span className="ml-auto flex gap-2">
              <Button
                variant="secondary"
                className="px-2 py-1 text-xs"
                onClick={() => setAdding(true)}
              >
                Add file
              </Button>
              <Button
                variant="secondary"
                className="px-2 py-1 text-xs"
                onClick={() => setPasting(true)}
              >
                Paste docker run
              </Button>
            </span>
          )}
        </div>
        {adding ? (
          <AddFileForm
            draft={draft}
            onCancel={() => setAdding(false)}
            onAdd={(path, compose) => {
              onDraft(addFile(draft, path, compose));
              setActive(path);
              setAdding(false);
            }}
          />
        ) : null}
        {notice ? (
          <p className="text-sm text-emerald-800" data-testid="editor-notice">
            {notice}
          </p>
        ) : null}
        <CodeEditor
          key={shown}
          ref={editor}
          id={`stack-file-${shown}`}
          label={`Contents of ${shown}`}
          value={contentOf(draft, shown)}
          readOnly={readOnly}
          problems={byLine}
          heightClass="h-[28rem]"
          onChange={(text) => {
            setNotice(null);
            onDraft(withContent(draft, shown, text));
          }}
        />
        {!readOnly && shown !== firstCompose && shown !== envPath(draft) ? (
          <Button
            variant="secondary"
            className="px-2 py-1 text-xs"
            onClick={() => {
              if (window.confirm(`Remove ${shown} from the stack?`))
                onDraft(removeFile(draft, shown));
            }}
          >
            Remove {shown}
          </Button>
        ) : null}
      </div>
      {checked ? (
        <div className="min-w-0 space-y-3">
          <ProblemList problems={problems} onJump={jump} />
          <RefusalList refusals={plan.answer?.refusals ?? []} />
          <PlanPreview plan={plan} />
        </div>
      ) : null}
      {pasting ? (
        <PasteRunDialog
          compose={contentOf(draft, firstCompose)}
          onClose={() => setPasting(false)}
          onAdd={(text, service) => {
            onDraft(withContent(draft, firstCompose, text));
            setActive(firstCompose);
            setNotice(`Added the service ${service} to ${firstCompose}.`);
            setPasting(false);
          }}
        />
      ) : null}
    </div>
  );
}
