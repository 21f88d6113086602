"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ContainerUpdateResult, ImageUpdateView } from "@/lib/protocol";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import { parseImageRef } from "@/lib/services/image-updates/image-ref";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { formatRelative } from "@/components/ui/format";
import { PullProgress, useCommandProgress } from "@/components/containers/pull-progress";
import { detailsHref } from "@/components/containers/urls";
import { AutoUpdateForm } from "./auto-update-form";
import { CheckNowButton } from "./check-now-button";
import { useImageUpdates } from "./use-image-updates";

/**
 * The last outcome per container (host and name), kept for the tab: an update gives the
 * container a new id, and its page, opened again under that id, still shows what happened.
 */
const outcomes = new Map<string, ContainerUpdateResult>();

/** The last check's answer for the container's image, in words. */
function statusText(check: ImageUpdateView | undefined): string {
  if (!check) return "Not checked yet.";
  const when = `checked ${formatRelative(check.checkedAt)}`;
  switch (check.status) {
    case "update_available":
      return `A newer image is in the registry (${when}).`;
    case "up_to_date":
      return `Up to date with the registry (${when}).`;
    case "local_only":
      return `Built or loaded on the host, or pinned to a digest: nothing to compare with a registry (${when}).`;
    case "error":
      return `Could not ask the registry: ${check.error ?? "unknown error"} (${when}).`;
  }
}

/**
 * The container page's image updates: whether the registry has a newer image for its tag, an
 * Update that pulls and recreates (rolling back when the new one fails), with live progress and
 * the outcome here, "Check for updates now", and automatic updates for this container.
 */
export function ContainerUpdatePanel({
  hostId,
  containerId,
  name,
  image,
  labels,
  role,
}: {
  hostId: string;
  containerId: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  role: HostRoleName;
}) {
  const router = useRouter();
  const updates = useImageUpdates(hostId);
  const ref = parseImageRef(image);
  const check = ref ? updates.checks.find((c) => c.imageRef === ref.ref) : undefined;
  const available = check?.status === "update_available";
  const canUpdate =
    roleAllows(role, "container.create") &&
    roleAllows(role, "image.pull") &&
    !!ref &&
    !ref.pinnedDigest;
  const [callId, setCallId] = useState<string | null>(null);
  const progress = useCommandProgress(callId);
  const [busy, setBusy] = useState(false);
  const outcomeKey = `${hostId}/${name}`;
  const [result, setResult] = useState<ContainerUpdateResult | null>(
    () => outcomes.get(outcomeKey) ?? null,
  );
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const update = () => {
    const id = crypto.randomUUID();
    setCallId(id);
    setBusy(true);
    setResult(null);
    outcomes.delete(outcomeKey);
    setError(null);
    setNote(null);
    postJson<ContainerUpdateResult>(
      `/api/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(containerId)}/update`,
      { callId: id },
    )
      .then((answer) => {
        outcomes.set(outcomeKey, answer);
        setResult(answer);
        // the updated container has a new id: its page moves with it
        if (answer.outcome === "updated" && answer.containerId !== containerId) {
          router.replace(detailsHref(hostId, answer.containerId));
        }
      })
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(false));
  };

  if (!ref) return null;
  return (
    <section
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="image-update-panel"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-sm font-semibold text-slate-800">Image updates</h2>
        <span className="text-sm text-slate-600" data-testid="image-update-status">
          {statusText(check)}
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {canUpdate ? (
            <Button
              variant={available ? "primary" : "secondary"}
              disabled={busy}
              onClick={update}
              data-testid="update-container"
              title="Pull the tag and, when it names a newer image, recreate the container from it"
            >
              {busy ? "Updating…" : available ? "Update" : "Pull and update"}
            </Button>
          ) : null}
          {roleAllows(role, "image.pull") ? (
            <CheckNowButton hostId={hostId} onChecked={setNote} onError={setError} />
          ) : null}
        </div>
      </div>
      {busy ? <PullProgress progress={progress} label={`Updating ${name}`} /> : null}
      {result?.outcome === "rolled_back" ? (
        <p
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="update-outcome"
          role="status"
        >
          Rolled back. {result.message}
        </p>
      ) : result ? (
        <SuccessMessage testId="update-outcome">
          {result.outcome === "updated" ? "Updated. " : "Up to date. "}
          {result.message}
        </SuccessMessage>
      ) : null}
      {note && !result ? <SuccessMessage testId="check-note">{note}</SuccessMessage> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {canUpdate ? <AutoUpdateForm hostId={hostId} name={name} labels={labels} /> : null}
    </section>
  );
}
