"use client";

import { useActionState, useState } from "react";
import { addHostAction, type AddHostState } from "@/app/(dashboard)/hosts/actions";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SshOnboardingForm } from "./ssh-onboarding-form";

/** Which hosts the installer can serve: a host of another architecture gets no agent. */
export function AgentArchitectures({ architectures }: { architectures: string[] }) {
  if (architectures.length === 0) {
    return (
      <ErrorMessage>
        This server has no agent executable for any architecture, so the installer will stop. Build
        the server with npm run build (README, Add a host).
      </ErrorMessage>
    );
  }
  return (
    <p className="text-sm text-slate-600" data-testid="agent-architectures">
      This server has agents for linux {architectures.join(", ")} hosts; for another architecture,
      add its executable first (README, Add a host).
    </p>
  );
}

export function AddHostDialog() {
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<"command" | "ssh">("command");
  const [copied, setCopied] = useState(false);
  const [state, action, pending] = useActionState<AddHostState, FormData>(addHostAction, {
    status: "idle",
  });

  if (!open) {
    return <Button onClick={() => setOpen(true)}>Add host</Button>;
  }

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="add-host-title"
      className="fixed inset-0 z-20 flex items-center justify-center bg-slate-900/40 p-4"
    >
      <div className="max-h-full w-full max-w-2xl space-y-4 overflow-auto rounded-lg bg-white p-6 shadow-xl">
        <h2 id="add-host-title" className="text-lg font-semibold">
          Add a host
        </h2>
        <div role="tablist" className="flex gap-1 border-b border-slate-200 text-sm">
          {(
            [
              ["command", "Install command"],
              ["ssh", "Over SSH"],
            ] as const
          ).map(([value, label]) => (
            <button
              key={value}
              role="tab"
              type="button"
              aria-selected={mode === value}
              onClick={() => setMode(value)}
              className={`-mb-px border-b-2 px-3 py-2 ${mode === value ? "border-sky-700 font-medium text-sky-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {label}
            </button>
          ))}
        </div>
        {mode === "ssh" ? (
          <SshOnboardingForm onCancel={() => setOpen(false)} />
        ) : state.status === "ready" ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-600">
              Run this on <strong>{state.hostName}</strong> as root. It installs the agent (one
              executable: the host needs only its container engine), which dials out to this server,
              so the host needs no open port. The token works once, until{" "}
              {new Date(state.expiresAt).toLocaleTimeString()}.
            </p>
            <AgentArchitectures architectures={state.architectures} />
            <pre
              data-testid="install-command"
              className="whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 font-[family-name:var(--font-geist-mono)] text-xs text-emerald-200"
            >
              {state.command}
            </pre>
            <div className="flex gap-2">
              <Button
                onClick={() => {
                  void navigator.clipboard?.writeText(state.command).then(() => setCopied(true));
                }}
              >
                {copied ? "Copied" : "Copy command"}
              </Button>
              <Button variant="secondary" onClick={() => window.location.reload()}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form action={action} className="space-y-4" noValidate>
            {state.status === "error" && state.error ? (
              <ErrorMessage>{state.error}</ErrorMessage>
            ) : null}
            <Field
              id="hostName"
              name="hostName"
              label="Host name (as Berth will show it)"
              placeholder="web-01"
              defaultValue={state.status === "error" ? state.hostName : undefined}
              required
              autoFocus
              error={state.status === "error" ? state.fieldError : undefined}
            />
            <div className="flex gap-2">
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create install command"}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
