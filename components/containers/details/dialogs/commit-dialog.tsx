"use client";

import { useState } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { ApiError, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";

/** Saves the container's filesystem as an image; the dialog shows the new image id. */
export function CommitDialog({
  base,
  image,
  onClose,
}: {
  base: string;
  image: string;
  onClose: () => void;
}) {
  const [repository, setRepository] = useState(
    image.split("@")[0]!.replace(/:[^/:]+$/, "") + "-snapshot",
  );
  const [tag, setTag] = useState("latest");
  const [comment, setComment] = useState("");
  const [author, setAuthor] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [imageId, setImageId] = useState<string | null>(null);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field === field ? error.message : undefined;
  return (
    <Dialog title="Commit to an image" onClose={onClose} busy={busy} testId="commit-dialog">
      {imageId ? (
        <div className="space-y-3">
          <p className="text-sm text-emerald-800" data-testid="commit-result">
            Saved as {repository}:{tag || "latest"} ({imageId.replace(/^sha256:/, "").slice(0, 12)}
            ).
          </p>
          <Button onClick={onClose}>Done</Button>
        </div>
      ) : (
        <form
          className="space-y-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              const result = await postJson<{ imageId: string }>(`${base}/commit`, {
                repository: repository.trim(),
                ...(tag.trim() ? { tag: tag.trim() } : {}),
                ...(comment.trim() ? { comment: comment.trim() } : {}),
                ...(author.trim() ? { author: author.trim() } : {}),
              });
              setImageId(result.imageId);
            } catch (err) {
              setError(err instanceof Error ? err : new Error(errorText(err)));
            } finally {
              setBusy(false);
            }
          }}
        >
          <p className="text-sm text-slate-600">
            The container is paused while its filesystem is saved.
          </p>
          <Field
            id="repository"
            label="Repository"
            value={repository}
            error={fieldError("repository")}
            onChange={(e) => setRepository(e.target.value)}
            autoFocus
          />
          <Field
            id="tag"
            label="Tag"
            value={tag}
            error={fieldError("tag")}
            onChange={(e) => setTag(e.target.value)}
          />
          <Field
            id="comment"
            label="Comment (optional)"
            value={comment}
            error={fieldError("comment")}
            onChange={(e) => setComment(e.target.value)}
          />
          <Field
            id="author"
            label="Author (optional)"
            value={author}
            error={fieldError("author")}
            onChange={(e) => setAuthor(e.target.value)}
          />
          {error && !(error instanceof ApiError && error.field) ? (
            <ErrorMessage>{error.message}</ErrorMessage>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={busy} data-testid="commit-confirm">
              {busy ? "Committing…" : "Commit"}
            </Button>
            <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
