"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, RowInput } from "@/components/ui/controls";
import type { StackSourceDraft } from "../api";
import { newPathError } from "./draft-model";

/** A path for a new file of the stack (a Dockerfile, a config file, another compose file). */
export function AddFileForm({
  draft,
  onAdd,
  onCancel,
}: {
  draft: StackSourceDraft;
  onAdd: (path: string, compose: boolean) => void;
  onCancel: () => void;
}) {
  const [path, setPath] = useState("");
  const [compose, setCompose] = useState(false);
  const error = path.trim() ? newPathError(draft, path) : null;
  return (
    <form
      className="flex flex-wrap items-start gap-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      data-testid="add-file-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim() && !error) onAdd(path.trim(), compose);
      }}
    >
      <RowInput
        id="new-file-path"
        label="New file path"
        placeholder="Dockerfile, config/nginx.conf, compose.override.yaml"
        className="w-80"
        value={path}
        error={error ?? undefined}
        onChange={(e) => setPath(e.target.value)}
        autoFocus
      />
      <Checkbox
        id="new-file-compose"
        label="A compose file, merged after the others"
        checked={compose}
        onChange={(e) => setCompose(e.target.checked)}
      />
      <div className="flex gap-2">
        <Button type="submit" className="py-1.5" disabled={!path.trim() || error !== null}>
          Add file
        </Button>
        <Button type="button" variant="secondary" className="py-1.5" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
