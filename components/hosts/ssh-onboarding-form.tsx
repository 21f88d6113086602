"use client";

import { useState } from "react";
import { ONBOARDING_STEPS, type OnboardingStep } from "@/lib/protocol";
import type { SshHostKey, SshOnboardResult } from "@/lib/protocol";
import { ApiError, errorText, postJson } from "@/components/ui/api-client";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { newCallId } from "@/components/ui/call-id";
import { Field } from "@/components/ui/field";
import { SshCredentialFields, type CredentialInput } from "./ssh-credential-fields";
import { useOnboardingProgress, type StepState } from "./use-onboarding-progress";

type Phase = "form" | "confirm" | "running" | "done";

const STEP_MARK: Record<StepState | "waiting", string> = {
  waiting: "○",
  running: "▸",
  done: "✓",
  failed: "✗",
};

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/**
 * Adds a host over SSH: the host key is shown first for the admin to accept; then every step
 * and its output stream in from the server until the host is online. The password or key goes
 * to the server for this run (kept, sealed, only when asked) and never comes back.
 */
export function SshOnboardingForm({ onCancel }: { onCancel: () => void }) {
  const [hostName, setHostName] = useState("");
  const [address, setAddress] = useState("");
  const [port, setPort] = useState("22");
  const [user, setUser] = useState("root");
  const [credential, setCredential] = useState<CredentialInput>({
    method: "password",
    password: "",
    privateKey: "",
    passphrase: "",
  });
  const [keepCredential, setKeepCredential] = useState(false);
  const [serverUrl, setServerUrl] = useState(() =>
    typeof window === "undefined" ? "" : window.location.origin,
  );
  const [phase, setPhase] = useState<Phase>("form");
  const [busy, setBusy] = useState(false);
  const [hostKey, setHostKey] = useState<SshHostKey | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [callId, setCallId] = useState<string | null>(null);
  const [result, setResult] = useState<SshOnboardResult | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const progress = useOnboardingProgress(callId);

  const fieldError = (name: string) => (error?.field === name ? error.message : undefined);
  const fail = (err: unknown) =>
    setError({
      message: errorText(err),
      field: err instanceof ApiError ? err.field : undefined,
    });

  /** The run answers on its own once the server closed the SSH connection. */
  async function cancelRun() {
    if (!callId) return;
    setCancelling(true);
    await postJson("/api/hosts/ssh/cancel", { callId }).catch(fail);
  }

  async function checkHostKey() {
    setBusy(true);
    setError(null);
    try {
      setHostKey(await postJson<SshHostKey>("/api/hosts/ssh/host-key", { address, port }));
      setPhase("confirm");
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function onboard() {
    if (!hostKey) return;
    const id = newCallId();
    setCallId(id);
    setPhase("running");
    setError(null);
    setCancelling(false);
    try {
      const done = await postJson<SshOnboardResult>("/api/hosts/ssh", {
        hostName,
        address,
        port,
        user,
        credential:
          credential.method === "password"
            ? { method: "password", password: credential.password }
            : {
                method: "key",
                privateKey: credential.privateKey,
                passphrase: credential.passphrase || undefined,
              },
        fingerprint: hostKey.fingerprint,
        keepCredential,
        serverUrl: serverUrl || undefined,
        callId: id,
      });
      setResult(done);
      setPhase("done");
    } catch (err) {
      fail(err);
      // a refused field sends the admin back to the form; a failed step stays on the steps
      if (err instanceof ApiError && err.code === "BAD_REQUEST" && err.field) setPhase("form");
    }
  }

  if (phase === "form") {
    return (
      <form
        className="space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void checkHostKey();
        }}
      >
        {error && !error.field ? <ErrorMessage>{error.message}</ErrorMessage> : null}
        <Field
          id="ssh-host-name"
          label="Host name (as Berth will show it)"
          value={hostName}
          onChange={(e) => setHostName(e.target.value)}
          placeholder="web-01"
          error={fieldError("hostName")}
          required
        />
        <div className="grid grid-cols-[1fr_6rem_10rem] gap-3">
          <Field
            id="ssh-address"
            label="Address"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="10.0.0.5 or web-01.example.com"
            error={fieldError("address")}
            required
          />
          <Field
            id="ssh-port"
            label="SSH port"
            value={port}
            onChange={(e) => setPort(e.target.value)}
            inputMode="numeric"
            error={fieldError("port")}
          />
          <Field
            id="ssh-user"
            label="User"
            value={user}
            onChange={(e) => setUser(e.target.value)}
            autoComplete="off"
            error={fieldError("user")}
          />
        </div>
        <SshCredentialFields
          value={credential}
          onChange={setCredential}
          error={fieldError("credential")}
        />
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="mt-1"
            checked={keepCredential}
            onChange={(e) => setKeepCredential(e.target.checked)}
          />
          <span>
            Keep this {credential.method === "password" ? "password" : "key"} (encrypted) so Berth
            can uninstall the agent when the host is removed. Otherwise it is used for this
            onboarding only.
          </span>
        </label>
        <Field
          id="ssh-server-url"
          label="This server's address, as the host reaches it"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
          error={fieldError("serverUrl")}
        />
        <div className="flex gap-2">
          <Button type="submit" disabled={busy}>
            {busy ? "Connecting…" : "Check host key"}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    );
  }

  if (phase === "confirm" && hostKey) {
    return (
      <div className="space-y-3 text-sm" data-testid="ssh-host-key">
        <p className="text-slate-700">
          {address}:{port} presents this {hostKey.keyType} host key:
        </p>
        <p
          className="rounded-md bg-slate-100 px-3 py-2 font-[family-name:var(--font-geist-mono)] text-slate-900"
          data-testid="ssh-fingerprint"
        >
          {hostKey.fingerprint}
        </p>
        <p className="text-slate-600">
          Compare it with what the host prints for{" "}
          <code>
            ssh-keygen -lf /etc/ssh/ssh_host_{hostKey.keyType.replace(/^ssh-/, "")}_key.pub
          </code>
          . Accepting pins it: any later connection to this host with another key is refused.
        </p>
        {hostKey.knownHost ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-800">
            This machine is already <strong>{hostKey.knownHost.name}</strong>: its agent is
            reinstalled and gets a new key; no second host is added.
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button onClick={() => void onboard()}>Accept key and add host</Button>
          <Button variant="secondary" onClick={() => setPhase("form")}>
            Back
          </Button>
        </div>
      </div>
    );
  }

  const steps = Object.entries(ONBOARDING_STEPS) as Array<[OnboardingStep, string]>;
  return (
    <div className="space-y-3 text-sm">
      <ol className="space-y-2" data-testid="onboarding-steps">
        {steps.map(([step, label]) => {
          // the live stream, else the final answer (a tab whose socket was down misses the stream)
          const finished = result?.steps.find((s) => s.step === step);
          const shown = progress.steps[step] ?? finished;
          const state: StepState | "waiting" =
            progress.steps[step]?.state ?? finished?.outcome ?? "waiting";
          return (
            <li key={step} data-testid={`step-${step}`} data-state={state}>
              <div className="flex items-center gap-2 font-medium text-slate-800">
                <span
                  aria-hidden
                  className={
                    state === "done"
                      ? "text-emerald-700"
                      : state === "failed"
                        ? "text-red-700"
                        : state === "running"
                          ? "text-sky-700"
                          : "text-slate-400"
                  }
                >
                  {STEP_MARK[state]}
                </span>
                {label}
                {step === "upload" && progress.upload && state === "running"
                  ? ` (${mib(progress.upload.current)} of ${mib(progress.upload.total)})`
                  : null}
              </div>
              {shown?.output ? (
                <pre className="ml-6 mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 font-[family-name:var(--font-geist-mono)] text-xs text-emerald-200">
                  {shown.output}
                </pre>
              ) : null}
            </li>
          );
        })}
      </ol>
      {error ? <ErrorMessage>{error.message}</ErrorMessage> : null}
      {phase === "done" && result ? (
        <SuccessMessage testId="onboarding-done">
          {hostName || "The host"} is online
          {result.reinstalled ? " (its agent was reinstalled)" : ""}.{" "}
          <a className="underline" href={`/hosts/${result.hostId}`}>
            Open the host
          </a>
        </SuccessMessage>
      ) : null}
      {phase === "running" && !error ? (
        <Button variant="danger" disabled={cancelling} onClick={() => void cancelRun()}>
          {cancelling ? "Cancelling…" : "Cancel"}
        </Button>
      ) : null}
      {phase === "done" || error ? (
        <div className="flex gap-2">
          <Button onClick={() => window.location.reload()}>Done</Button>
          {error ? (
            <Button variant="secondary" onClick={() => setPhase("form")}>
              Back to the form
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
