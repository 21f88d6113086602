"use client";

import { HostOptions } from "@/components/ui/host-options";
import { useState } from "react";
import type { PulledImage } from "@/lib/services/images/pull-image";
import type { PushedImage } from "@/lib/services/images/push-image";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { formatBytes } from "@/components/ui/format";
import { errorText, postJson } from "@/components/ui/api-client";
import {
  PullProgress,
  isDone,
  useCommandProgress,
  type ProgressState,
} from "@/components/containers/pull-progress";
import { newCallId } from "@/components/ui/call-id";
import { imagesApi, type HostOption, type RegistryOption } from "./api";

/** Layers done of all seen, and bytes moved of the layers whose size is known. */
export function progressSummary(progress: ProgressState): string | null {
  const layers = [...progress.layers.values()];
  if (layers.length === 0) return null;
  const done = layers.filter((l) => isDone(l.status)).length;
  let current = 0;
  let total = 0;
  for (const l of layers) {
    if (l.total) {
      total += l.total;
      current += Math.min(l.current ?? 0, l.total);
    }
  }
  const bytes = total > 0 ? ` · ${formatBytes(current)} of ${formatBytes(total)}` : "";
  return `${done} of ${layers.length} layers done${bytes}`;
}

/**
 * Pull an image to a host, or push one of its tags: live per-layer bars, cancel, and the
 * registry's refusal in plain words.
 */
export function TransferDialog({
  mode,
  hosts,
  registries,
  initialHostId,
  initialImage = "",
  onClose,
  onDone,
}: {
  mode: "pull" | "push";
  hosts: HostOption[];
  registries: RegistryOption[];
  initialHostId?: string;
  initialImage?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [hostId, setHostId] = useState(initialHostId ?? hosts[0]?.id ?? "");
  const [image, setImage] = useState(initialImage);
  const [registryId, setRegistryId] = useState("");
  const [callId, setCallId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const progress = useCommandProgress(callId);
  const busy = callId !== null && result === null && error === null;
  const summary = progressSummary(progress);

  async function start() {
    const id = newCallId();
    setCallId(id);
    setError(null);
    setFieldError(null);
    setResult(null);
    try {
      const body = { image, callId: id, ...(registryId ? { registryId } : {}) };
      if (mode === "pull") {
        const pulled = await postJson<PulledImage>(imagesApi(hostId, mode), body);
        setResult(`Pulled ${pulled.image}.`);
      } else {
        const pushed = await postJson<PushedImage>(imagesApi(hostId, mode), body);
        setResult(`Pushed ${pushed.image}${pushed.digest ? ` (${pushed.digest})` : ""}.`);
      }
      onDone();
    } catch (err) {
      const message = errorText(err);
      if ((err as { field?: string }).field === "image") setFieldError(message);
      else setError(message);
      setCallId(null);
    }
  }

  async function cancel() {
    if (!callId) return;
    try {
      await postJson(imagesApi(hostId, "cancel"), { callId });
    } catch (err) {
      setError(errorText(err));
    }
  }

  const verb = mode === "pull" ? "Pull" : "Push";
  return (
    <Dialog
      title={mode === "pull" ? "Pull an image" : "Push an image"}
      onClose={onClose}
      busy={busy}
      testId={`${mode}-dialog`}
      wide
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        {mode === "pull" ? (
          <SelectField
            id="transfer-host"
            label="Host"
            value={hostId}
            disabled={busy}
            onChange={(e) => setHostId(e.target.value)}
          >
            <HostOptions hosts={hosts} disableOffline />
          </SelectField>
        ) : null}
        <Field
          id="transfer-image"
          label="Image"
          placeholder={mode === "pull" ? "registry.example.com:5000/team/app:1.0" : ""}
          value={image}
          disabled={busy || mode === "push"}
          onChange={(e) => setImage(e.target.value)}
          error={fieldError ?? undefined}
          required
        />
        <SelectField
          id="transfer-registry"
          label="Credentials"
          value={registryId}
          disabled={busy}
          onChange={(e) => setRegistryId(e.target.value)}
        >
          <option value="">The registry named in the image (if configured), else anonymous</option>
          {registries.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.host})
            </option>
          ))}
        </SelectField>
        {callId ? (
          <div className="space-y-2">
            <PullProgress
              progress={progress}
              label={
                result !== null
                  ? mode === "pull"
                    ? "Pulled"
                    : "Pushed"
                  : mode === "pull"
                    ? "Pulling"
                    : "Pushing"
              }
              done={result !== null}
            />
            {summary ? (
              <p className="text-sm text-slate-600" data-testid="transfer-summary">
                {summary}
              </p>
            ) : null}
          </div>
        ) : null}
        {result ? <SuccessMessage testId="transfer-result">{result}</SuccessMessage> : null}
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        <div className="flex justify-end gap-2">
          {busy ? (
            <Button type="button" variant="danger" onClick={() => void cancel()}>
              Cancel {mode}
            </Button>
          ) : (
            <>
              <Button type="button" variant="secondary" onClick={onClose}>
                Close
              </Button>
              <Button type="submit" disabled={!image.trim() || !hostId}>
                {verb}
              </Button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}
