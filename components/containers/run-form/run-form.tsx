"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import { formatDockerRun } from "@/lib/containers/format-docker-run";
import { newCallId } from "@/components/ui/call-id";
import type { CreatedContainer } from "@/lib/services/containers/create-container";
import { ErrorMessage } from "@/components/ui/alert";
import { ApiError, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { PullProgress, useCommandProgress } from "../pull-progress";
import { containerPath, detailsHref } from "../urls";
import { DevicesSection } from "./devices-section";
import { DnsSection } from "./dns-section";
import { DockerRunOutput } from "./docker-run-output";
import { EnvSection } from "./env-section";
import { GeneralSection } from "./general-section";
import { HealthcheckSection } from "./healthcheck-section";
import { LabelsSection } from "./labels-section";
import { LifecycleSection } from "./lifecycle-section";
import { LoggingSection } from "./logging-section";
import { MountsSection } from "./mounts-section";
import { NamespacesSection } from "./namespaces-section";
import { NetworkSection } from "./network-section";
import { PasteRunLine } from "./paste-run-line";
import { PolicyRefusal } from "./policy-refusal";
import { PortsSection } from "./ports-section";
import { ResourcesSection } from "./resources-section";
import { specFromForm } from "./run-form-model";
import { RuntimeSection } from "./runtime-section";
import { SecuritySection } from "./security-section";
import {
  fieldLabel,
  formFieldOf,
  violationErrors,
  type PlacedViolation,
} from "./server-error-field";
import { usePolicyPreview } from "./use-policy-preview";
import { useRunFormState } from "./use-run-form-state";
import { useSourceContainer } from "./use-source-container";

export type RunHost = { id: string; name: string; role: HostRoleName; online: boolean };
export type RunMode =
  | { kind: "create" }
  | { kind: "duplicate"; hostId: string; id: string }
  | { kind: "edit"; hostId: string; id: string };

/** Run a container (or duplicate or edit one): every section of `docker run` on one form. */
export function RunContainerForm({
  hosts,
  initialHostId,
  mode,
}: {
  hosts: RunHost[];
  initialHostId: string | null;
  mode: RunMode;
}) {
  const router = useRouter();
  const deployable = hosts.filter((h) => roleAllows(h.role, "container.create"));
  const [hostId, setHostId] = useState(
    mode.kind === "edit"
      ? mode.hostId
      : (deployable.find((h) => h.id === initialHostId)?.id ?? deployable[0]?.id ?? ""),
  );
  const host = hosts.find((h) => h.id === hostId) ?? null;
  const hostAdmin = host ? roleAllows(host.role, "container.privileged") : false;

  const state = useRunFormState();
  const { form, setForm, errors, setErrors, showErrors } = state;
  const [topError, setTopError] = useState<string | null>(null);
  const [refused, setRefused] = useState<PlacedViolation[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [callId, setCallId] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const progress = useCommandProgress(callId);

  const { loading, loadError } = useSourceContainer(mode, (loaded, loadedNotice) => {
    setForm(loaded);
    if (mode.kind === "duplicate") setHostId(mode.hostId);
    setNotice(loadedNotice);
  });

  const [copied, setCopied] = useState<string | null>(null);
  const copyAsDockerRun = () => {
    const { draft } = specFromForm(form);
    const line = formatDockerRun(draft, { multiline: true });
    setCopied(line);
    void navigator.clipboard?.writeText(line).catch(() => undefined);
  };

  const currentSpec = useMemo(() => specFromForm(form), [form]);
  const foreseen = usePolicyPreview(hostId, host?.role ?? null, currentSpec.spec);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTopError(null);
    setRefused([]);
    if (!hostId) {
      showErrors({ host: "Pick a host." });
      return;
    }
    const { spec, errors: found, rows } = specFromForm(form);
    if (!spec) {
      showErrors(found);
      setTopError(
        "Some fields need fixing before the container can be created; they are marked below.",
      );
      return;
    }
    setErrors({});
    const id = newCallId();
    setCallId(id);
    setSubmitting(true);
    try {
      const url =
        mode.kind === "edit"
          ? `${containerPath(mode.hostId, mode.id)}/recreate`
          : `/api/hosts/${encodeURIComponent(hostId)}/containers`;
      const result = await postJson<CreatedContainer>(url, {
        spec,
        callId: id,
      });
      if (result.warnings?.length) {
        try {
          sessionStorage.setItem(
            `berth.run-warnings.${result.id}`,
            JSON.stringify(result.warnings),
          );
        } catch {
          // storage may be off; the warnings are only a courtesy
        }
      }
      router.push(detailsHref(hostId, result.id));
    } catch (error) {
      setSubmitting(false);
      setCallId(null);
      const message = errorText(error);
      if (error instanceof ApiError && error.violations.length > 0) {
        const { errors: placed, placed: violations } = violationErrors(error.violations, rows);
        setRefused(violations);
        showErrors(placed);
        if (Object.keys(placed).length === 0) window.scrollTo({ top: 0, behavior: "smooth" });
        return;
      }
      const field =
        error instanceof ApiError && error.field ? formFieldOf(error.field, rows) : null;
      if (field) {
        showErrors({ [field]: message });
        return;
      }
      setTopError(message);
      window.scrollTo({ top: 0, behavior: "smooth" });
    }
  };

  if (deployable.length === 0 && mode.kind !== "edit") {
    return (
      <ErrorMessage>
        Your role does not allow creating containers on any host. Ask an administrator for the
        deployer role on a host.
      </ErrorMessage>
    );
  }
  if (loading) return <p className="text-sm text-slate-500">Loading the container’s settings…</p>;
  if (loadError) return <ErrorMessage>{loadError}</ErrorMessage>;

  const title =
    mode.kind === "edit"
      ? "Edit container"
      : mode.kind === "duplicate"
        ? "Duplicate container"
        : "Run a container";

  return (
    <form className="space-y-4" onSubmit={submit} noValidate data-testid="run-form">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{title}</h1>
        <Button
          type="button"
          variant="secondary"
          className="ml-auto"
          onClick={copyAsDockerRun}
          data-testid="copy-docker-run"
        >
          Copy as docker run
        </Button>
      </div>

      {copied !== null ? <DockerRunOutput line={copied} onClose={() => setCopied(null)} /> : null}

      {notice ? (
        <p
          className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900"
          data-testid="run-notice"
        >
          {notice}
        </p>
      ) : null}
      {topError ? <ErrorMessage>{topError}</ErrorMessage> : null}
      {refused.length > 0 && host ? (
        <PolicyRefusal
          violations={refused}
          host={host}
          canEditPolicy={roleAllows(host.role, "host.manage")}
        />
      ) : null}
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}

      {mode.kind !== "edit" ? (
        <PasteRunLine
          onFill={(filled) => {
            setForm(filled);
            setErrors({});
            setTopError(null);
            setRefused([]);
          }}
        />
      ) : null}

      <GeneralSection
        state={state}
        hostId={hostId}
        hostChoices={mode.kind === "edit" ? hosts.filter((h) => h.id === hostId) : deployable}
        hostLocked={mode.kind === "edit" || submitting}
        onHostChange={(id) => {
          setHostId(id);
          setErrors((x) => ({ ...x, host: "" }));
        }}
      />
      <PortsSection state={state} />
      <EnvSection state={state} />
      <MountsSection state={state} hostAdmin={hostAdmin} />
      <NetworkSection state={state} hostId={hostId} />
      <DnsSection state={state} />
      <RuntimeSection state={state} editing={mode.kind === "edit"} />
      <ResourcesSection state={state} />
      <SecuritySection state={state} hostAdmin={hostAdmin} />
      <NamespacesSection state={state} />
      <DevicesSection state={state} />
      <LoggingSection state={state} />
      <LabelsSection state={state} />
      <HealthcheckSection state={state} />
      <LifecycleSection state={state} />

      {submitting ? (
        <PullProgress
          progress={progress}
          label={mode.kind === "edit" ? "Recreating the container…" : "Creating the container…"}
        />
      ) : null}

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={submitting || !hostId} data-testid="run-submit">
          {submitting
            ? mode.kind === "edit"
              ? "Recreating…"
              : "Creating…"
            : mode.kind === "edit"
              ? "Save and recreate"
              : form.start
                ? "Create and start"
                : "Create"}
        </Button>
        <Link
          href={mode.kind === "create" ? "/containers" : detailsHref(mode.hostId, mode.id)}
          className="text-sm text-slate-600 hover:underline"
        >
          Cancel
        </Link>
        {foreseen.length > 0 && refused.length === 0 ? (
          <span className="text-sm text-red-700" data-testid="policy-preview">
            The security policy of {host?.name ?? "the host"} will refuse{" "}
            {foreseen
              .map(
                (v) =>
                  `${fieldLabel(formFieldOf(v.field, currentSpec.rows) ?? v.field)} (${v.rule})`,
              )
              .join(", ")}
            .
          </span>
        ) : null}
      </div>
    </form>
  );
}
