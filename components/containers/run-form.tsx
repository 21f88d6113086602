"use client";

import { HostOptions } from "@/components/ui/host-options";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import { formatDockerRun } from "@/lib/containers/format-docker-run";
import { parseDockerRun } from "@/lib/containers/parse-docker-run";
import { isSensitiveHostPath } from "@/lib/containers/security-summary";
import { SECRET_MASK } from "@/lib/containers/secret-env";
import { specFromInspect } from "@/lib/containers/spec-from-inspect";
import type { MaskedEnv } from "@/lib/containers/secret-env";
import type { ContainerDetail } from "@/lib/services/containers/get-container";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox, RowInput, SelectField, TextAreaField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { api, ApiError, errorText, postJson } from "@/components/ui/api-client";
import { containerPath, detailsHref } from "./urls";
import { PullProgress, useCommandProgress } from "./pull-progress";
import {
  emptyForm,
  fieldId,
  formFromSpec,
  mergeEnv,
  parseDotEnv,
  rowKey,
  specFromForm,
  type BindRow,
  type EnvRow,
  type FieldErrors,
  type LabelRow,
  type NetworkRow,
  type PortRow,
  type RunForm,
  type TmpfsRow,
  type VolumeRow,
} from "./run-form-model";

export type RunHost = { id: string; name: string; role: HostRoleName; online: boolean };
export type RunMode =
  | { kind: "create" }
  | { kind: "duplicate"; hostId: string; id: string }
  | { kind: "edit"; hostId: string; id: string };

/** Ids of inputs that exist on the form; any other error field is shown at the top. */
const SIMPLE_FIELDS = new Set([
  "host",
  "image",
  "name",
  "command",
  "entrypoint",
  "workingDir",
  "user",
  "hostname",
  "ports",
  "publishAll",
  "env",
  "volumes",
  "binds",
  "tmpfs",
  "networks",
  "restartPolicy",
  "restartPolicy-maxRetries",
  "cpus",
  "memoryBytes",
  "pidsLimit",
  "readOnlyRootfs",
  "privileged",
  "capAdd",
  "capDrop",
  "noNewPrivileges",
  "labels",
  "healthcheck",
  "healthcheck-test",
  "healthcheck-intervalSeconds",
  "healthcheck-timeoutSeconds",
  "healthcheck-startPeriodSeconds",
  "healthcheck-retries",
  "autoRemove",
  "start",
]);
const ROW_FIELD = /^(ports|env|volumes|binds|tmpfs|networks|labels)-\d+-\w+$/;

type RowSections = {
  ports: PortRow;
  env: EnvRow;
  volumes: VolumeRow;
  binds: BindRow;
  tmpfs: TmpfsRow;
  networks: NetworkRow;
  labels: LabelRow;
};
type Section = keyof RowSections;

const NEW_ROW: { [K in Section]: () => RowSections[K] } = {
  ports: () => ({ key: rowKey(), hostIp: "", hostPort: "", containerPort: "", protocol: "tcp" }),
  env: () => ({ key: rowKey(), name: "", value: "" }),
  volumes: () => ({ key: rowKey(), name: "", target: "", readOnly: false }),
  binds: () => ({ key: rowKey(), source: "", target: "", readOnly: false }),
  tmpfs: () => ({ key: rowKey(), target: "", options: "" }),
  networks: () => ({ key: rowKey(), name: "", aliases: "" }),
  labels: () => ({ key: rowKey(), name: "", value: "" }),
};

function newCallId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

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

  const [form, setForm] = useState<RunForm>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(mode.kind !== "create");
  const [notice, setNotice] = useState<string | null>(null);
  const [callId, setCallId] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const progress = useCommandProgress(callId);

  // Duplicate and edit start from the existing container.
  const sourceKey = mode.kind === "create" ? null : `${mode.hostId}/${mode.id}`;
  useEffect(() => {
    if (mode.kind === "create") return;
    let cancelled = false;
    (async () => {
      try {
        const { container } = await api<{ container: ContainerDetail }>(
          containerPath(mode.hostId, mode.id),
        );
        let env: MaskedEnv[] = container.env;
        let unreadable: string[] = [];
        if (container.env.some((e) => e.secret)) {
          try {
            env = (
              await api<{ env: MaskedEnv[] }>(`${containerPath(mode.hostId, mode.id)}/env?reveal=1`)
            ).env;
          } catch {
            unreadable = container.env.filter((e) => e.secret).map((e) => e.name);
          }
        }
        const spec = specFromInspect(container.inspect, {
          env: env.map((e) => ({ name: e.name, value: e.value })),
          keepName: mode.kind === "edit",
        });
        // Values still masked could not be read: leave them empty rather than send the mask.
        spec.env = (spec.env ?? []).map((e) => (e.value === SECRET_MASK ? { ...e, value: "" } : e));
        if (cancelled) return;
        setForm(formFromSpec(spec));
        if (mode.kind === "duplicate") setHostId(mode.hostId);
        setNotice(
          [
            mode.kind === "edit"
              ? `Editing ${container.summary.name}: saving creates a new container with these settings and removes the old one once the new one runs.`
              : `Duplicating ${container.summary.name}. Pick a name (or leave it empty for a generated one).`,
            unreadable.length > 0
              ? `Secret values of ${unreadable.join(", ")} could not be read with your role; fill them in.`
              : "",
          ]
            .filter(Boolean)
            .join(" "),
        );
      } catch (err) {
        if (!cancelled) setLoadError(errorText(err));
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
    // sourceKey stands for the mode's host and id
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sourceKey]);

  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const next = { ...e };
      delete next[key as string];
      return next;
    });
  };
  const updateRow = <S extends Section>(
    section: S,
    index: number,
    patch: Partial<RowSections[S]>,
  ) => {
    setForm((f) => ({
      ...f,
      [section]: (f[section] as RowSections[S][]).map((row, i) =>
        i === index ? { ...row, ...patch } : row,
      ),
    }));
  };
  const addRow = (section: Section) =>
    setForm((f) => ({ ...f, [section]: [...(f[section] as unknown[]), NEW_ROW[section]()] }));
  const removeRow = (section: Section, index: number) =>
    setForm((f) => ({ ...f, [section]: (f[section] as unknown[]).filter((_, i) => i !== index) }));

  const err = (id: string) => errors[id];

  // Paste a docker run line.
  const [runLine, setRunLine] = useState("");
  const [parseReport, setParseReport] = useState<{
    unknownFlags: string[];
    ignoredFlags: string[];
    errors: string[];
  } | null>(null);
  const applyRunLine = (line: string) => {
    if (!line.trim()) return;
    const parsed = parseDockerRun(line);
    setForm(formFromSpec(parsed.spec));
    setErrors({});
    setTopError(null);
    setParseReport({
      unknownFlags: parsed.unknownFlags,
      ignoredFlags: parsed.ignoredFlags,
      errors: parsed.errors,
    });
  };

  // .env paste
  const [dotEnv, setDotEnv] = useState("");
  const [dotEnvErrors, setDotEnvErrors] = useState<string[]>([]);
  const applyDotEnv = () => {
    const { rows, errors: problems } = parseDotEnv(dotEnv);
    setForm((f) => ({ ...f, env: mergeEnv(f.env, rows) }));
    setDotEnvErrors(problems);
    if (problems.length === 0) setDotEnv("");
  };

  // Copy as docker run
  const [copied, setCopied] = useState<string | null>(null);
  const copyAsDockerRun = () => {
    const { draft } = specFromForm(form);
    const line = formatDockerRun(draft, { multiline: true });
    setCopied(line);
    void navigator.clipboard?.writeText(line).catch(() => undefined);
  };

  const sensitiveBinds = useMemo(
    () => form.binds.filter((b) => b.source.trim() && isSensitiveHostPath(b.source)),
    [form.binds],
  );
  const needsHostAdmin = form.privileged || sensitiveBinds.length > 0;

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      requestAnimationFrame(() => {
        const el =
          document.getElementById(first) ??
          document.querySelector(`[data-section="${first.split("-")[0]}"]`);
        (el as HTMLElement | null)?.scrollIntoView({ block: "center", behavior: "smooth" });
        if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) el.focus();
      });
    }
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTopError(null);
    if (!hostId) {
      showErrors({ host: "Pick a host." });
      return;
    }
    const { spec, errors: found } = specFromForm(form);
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
      const result = await postJson<{ id: string; name: string; warnings: string[] }>(url, {
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
      if (error instanceof ApiError && error.field) {
        const id = fieldId(error.field);
        const section = id.split("-")[0] ?? id;
        if (SIMPLE_FIELDS.has(id) || ROW_FIELD.test(id)) {
          showErrors({ [id]: message });
          return;
        }
        if (SIMPLE_FIELDS.has(section)) {
          showErrors({ [section]: message });
          return;
        }
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

      {copied !== null ? (
        <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          <div className="flex items-center justify-between text-sm text-slate-600">
            <span>Copied to the clipboard (if the browser allowed it):</span>
            <button
              type="button"
              className="text-sky-700 hover:underline"
              onClick={() => setCopied(null)}
            >
              Close
            </button>
          </div>
          <pre
            className="overflow-x-auto whitespace-pre rounded-md bg-slate-900 p-3 font-[family-name:var(--font-geist-mono)] text-xs text-emerald-200"
            data-testid="docker-run-output"
          >
            {copied}
          </pre>
        </div>
      ) : null}

      {notice ? (
        <p
          className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900"
          data-testid="run-notice"
        >
          {notice}
        </p>
      ) : null}
      {topError ? <ErrorMessage>{topError}</ErrorMessage> : null}
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}

      {mode.kind !== "edit" ? (
        <Card title="Paste a docker run line">
          <div className="space-y-2" data-testid="docker-run-paste">
            <TextAreaField
              id="docker-run-line"
              label="docker run …"
              rows={3}
              value={runLine}
              placeholder="docker run -d --name web -p 8080:80 -e MODE=prod nginx:alpine"
              onChange={(e) => setRunLine(e.target.value)}
              onPaste={(e) => {
                const text = e.clipboardData.getData("text");
                if (text && !runLine.trim()) {
                  e.preventDefault();
                  setRunLine(text);
                  applyRunLine(text);
                }
              }}
            />
            <div className="flex items-center gap-3">
              <Button
                type="button"
                variant="secondary"
                onClick={() => applyRunLine(runLine)}
                disabled={!runLine.trim()}
                data-testid="docker-run-apply"
              >
                Fill the form
              </Button>
              <span className="text-xs text-slate-500">Replaces what the form holds now.</span>
            </div>
            {parseReport ? <ParseReport report={parseReport} /> : null}
          </div>
        </Card>
      ) : null}

      <Card title="General">
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            id="host"
            label="Host"
            value={hostId}
            disabled={mode.kind === "edit" || submitting}
            error={err("host")}
            onChange={(e) => {
              setHostId(e.target.value);
              setErrors((x) => ({ ...x, host: "" }));
            }}
          >
            <HostOptions
              hosts={mode.kind === "edit" ? hosts.filter((h) => h.id === hostId) : deployable}
            />
          </SelectField>
          <Field
            id="image"
            label="Image"
            placeholder="nginx:1.27-alpine"
            value={form.image}
            error={err("image")}
            onChange={(e) => set("image", e.target.value)}
            required
          />
          <Field
            id="name"
            label="Name (optional)"
            placeholder="web"
            value={form.name}
            error={err("name")}
            onChange={(e) => set("name", e.target.value)}
          />
          <Field
            id="hostname"
            label="Hostname (optional)"
            value={form.hostname}
            error={err("hostname")}
            onChange={(e) => set("hostname", e.target.value)}
          />
          <Field
            id="command"
            label="Command (optional, shell words)"
            placeholder={`nginx -g "daemon off;"`}
            value={form.command}
            error={err("command")}
            onChange={(e) => set("command", e.target.value)}
          />
          <Field
            id="entrypoint"
            label="Entrypoint (optional)"
            value={form.entrypoint}
            error={err("entrypoint")}
            onChange={(e) => set("entrypoint", e.target.value)}
          />
          <Field
            id="workingDir"
            label="Working directory (optional)"
            placeholder="/app"
            value={form.workingDir}
            error={err("workingDir")}
            onChange={(e) => set("workingDir", e.target.value)}
          />
          <Field
            id="user"
            label="User (optional)"
            placeholder="1000:1000"
            value={form.user}
            error={err("user")}
            onChange={(e) => set("user", e.target.value)}
          />
        </div>
      </Card>

      <Card title="Ports">
        <div className="space-y-3" data-section="ports">
          <SectionError id="ports" error={err("ports")} />
          {form.ports.length > 0 ? (
            <RowHeader
              columns="grid-cols-[1fr_1fr_1fr_7rem_2rem]"
              labels={[
                "Host IP (optional)",
                "Host port (empty: any)",
                "Container port",
                "Protocol",
                "",
              ]}
            />
          ) : null}
          {form.ports.map((p, i) => (
            <div key={p.key} className="grid grid-cols-[1fr_1fr_1fr_7rem_2rem] items-start gap-2">
              <RowInput
                id={`ports-${i}-hostIp`}
                label="Host IP"
                placeholder="0.0.0.0"
                value={p.hostIp}
                error={err(`ports-${i}-hostIp`)}
                onChange={(e) => updateRow("ports", i, { hostIp: e.target.value })}
              />
              <RowInput
                id={`ports-${i}-hostPort`}
                label="Host port"
                inputMode="numeric"
                placeholder="8080"
                value={p.hostPort}
                error={err(`ports-${i}-hostPort`)}
                onChange={(e) => updateRow("ports", i, { hostPort: e.target.value })}
              />
              <RowInput
                id={`ports-${i}-containerPort`}
                label="Container port"
                inputMode="numeric"
                placeholder="80"
                value={p.containerPort}
                error={err(`ports-${i}-containerPort`)}
                onChange={(e) => updateRow("ports", i, { containerPort: e.target.value })}
              />
              <select
                id={`ports-${i}-protocol`}
                aria-label="Protocol"
                value={p.protocol}
                onChange={(e) =>
                  updateRow("ports", i, { protocol: e.target.value as PortRow["protocol"] })
                }
                className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              >
                <option value="tcp">tcp</option>
                <option value="udp">udp</option>
                <option value="sctp">sctp</option>
              </select>
              <RemoveButton label="Remove port" onClick={() => removeRow("ports", i)} />
            </div>
          ))}
          <div className="flex flex-wrap items-center gap-4">
            <AddButton onClick={() => addRow("ports")}>Add port</AddButton>
            <Checkbox
              id="publishAll"
              label="Publish all exposed ports to random host ports (-P)"
              checked={form.publishAll}
              onChange={(e) => set("publishAll", e.target.checked)}
            />
          </div>
        </div>
      </Card>

      <Card title="Environment">
        <div className="space-y-3" data-section="env">
          <SectionError id="env" error={err("env")} />
          {form.env.length > 0 ? (
            <RowHeader columns="grid-cols-[1fr_2fr_2rem]" labels={["Name", "Value", ""]} />
          ) : null}
          {form.env.map((row, i) => (
            <div key={row.key} className="grid grid-cols-[1fr_2fr_2rem] items-start gap-2">
              <RowInput
                id={`env-${i}-key`}
                label="Variable name"
                value={row.name}
                error={err(`env-${i}-key`)}
                onChange={(e) => updateRow("env", i, { name: e.target.value })}
              />
              <RowInput
                id={`env-${i}-value`}
                label={`Value of ${row.name || "variable"}`}
                value={row.value}
                error={err(`env-${i}-value`)}
                onChange={(e) => updateRow("env", i, { value: e.target.value })}
              />
              <RemoveButton label="Remove variable" onClick={() => removeRow("env", i)} />
            </div>
          ))}
          <AddButton onClick={() => addRow("env")}>Add variable</AddButton>
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">
              Paste a .env file
            </summary>
            <div className="mt-2 space-y-2">
              <TextAreaField
                id="dotenv"
                label="KEY=VALUE lines"
                hint="# comments and blank lines are skipped; names already above get the new value."
                rows={5}
                value={dotEnv}
                onChange={(e) => setDotEnv(e.target.value)}
              />
              <Button
                type="button"
                variant="secondary"
                onClick={applyDotEnv}
                disabled={!dotEnv.trim()}
                data-testid="dotenv-apply"
              >
                Add to environment
              </Button>
              {dotEnvErrors.length > 0 ? (
                <ul className="list-disc pl-5 text-sm text-red-700" data-testid="dotenv-errors">
                  {dotEnvErrors.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          </details>
        </div>
      </Card>

      <Card title="Volumes and mounts">
        <div className="space-y-5">
          <div className="space-y-2" data-section="volumes">
            <h3 className="text-sm font-medium text-slate-700">Named volumes</h3>
            <SectionError id="volumes" error={err("volumes")} />
            {form.volumes.map((v, i) => (
              <div key={v.key} className="grid grid-cols-[1fr_1fr_6rem_2rem] items-start gap-2">
                <RowInput
                  id={`volumes-${i}-name`}
                  label="Volume name"
                  placeholder="data"
                  value={v.name}
                  error={err(`volumes-${i}-name`)}
                  onChange={(e) => updateRow("volumes", i, { name: e.target.value })}
                />
                <RowInput
                  id={`volumes-${i}-target`}
                  label="Path in container"
                  placeholder="/var/lib/data"
                  value={v.target}
                  error={err(`volumes-${i}-target`)}
                  onChange={(e) => updateRow("volumes", i, { target: e.target.value })}
                />
                <ReadOnlyToggle
                  id={`volumes-${i}-readOnly`}
                  checked={v.readOnly}
                  onChange={(readOnly) => updateRow("volumes", i, { readOnly })}
                />
                <RemoveButton label="Remove volume" onClick={() => removeRow("volumes", i)} />
              </div>
            ))}
            <AddButton onClick={() => addRow("volumes")}>Add volume</AddButton>
          </div>
          <div className="space-y-2" data-section="binds">
            <h3 className="text-sm font-medium text-slate-700">Bind mounts (host paths)</h3>
            <SectionError id="binds" error={err("binds")} />
            {form.binds.map((b, i) => {
              const sensitive = b.source.trim() !== "" && isSensitiveHostPath(b.source);
              return (
                <div key={b.key} className="space-y-1">
                  <div className="grid grid-cols-[1fr_1fr_6rem_2rem] items-start gap-2">
                    <RowInput
                      id={`binds-${i}-source`}
                      label="Host path"
                      placeholder="/srv/app"
                      value={b.source}
                      error={err(`binds-${i}-source`)}
                      onChange={(e) => updateRow("binds", i, { source: e.target.value })}
                    />
                    <RowInput
                      id={`binds-${i}-target`}
                      label="Path in container"
                      placeholder="/app"
                      value={b.target}
                      error={err(`binds-${i}-target`)}
                      onChange={(e) => updateRow("binds", i, { target: e.target.value })}
                    />
                    <ReadOnlyToggle
                      id={`binds-${i}-readOnly`}
                      checked={b.readOnly}
                      onChange={(readOnly) => updateRow("binds", i, { readOnly })}
                    />
                    <RemoveButton label="Remove bind mount" onClick={() => removeRow("binds", i)} />
                  </div>
                  {sensitive ? (
                    <HostAdminFlag allowed={hostAdmin} testId="sensitive-bind-flag">
                      {b.source} is a sensitive host path: it gives the container control of the
                      host.
                    </HostAdminFlag>
                  ) : null}
                </div>
              );
            })}
            <AddButton onClick={() => addRow("binds")}>Add bind mount</AddButton>
          </div>
          <div className="space-y-2" data-section="tmpfs">
            <h3 className="text-sm font-medium text-slate-700">tmpfs (in memory)</h3>
            <SectionError id="tmpfs" error={err("tmpfs")} />
            {form.tmpfs.map((t, i) => (
              <div key={t.key} className="grid grid-cols-[1fr_1fr_2rem] items-start gap-2">
                <RowInput
                  id={`tmpfs-${i}-target`}
                  label="Path in container"
                  placeholder="/tmp"
                  value={t.target}
                  error={err(`tmpfs-${i}-target`)}
                  onChange={(e) => updateRow("tmpfs", i, { target: e.target.value })}
                />
                <RowInput
                  id={`tmpfs-${i}-options`}
                  label="Options"
                  placeholder="size=64m,mode=1777"
                  value={t.options}
                  error={err(`tmpfs-${i}-options`)}
                  onChange={(e) => updateRow("tmpfs", i, { options: e.target.value })}
                />
                <RemoveButton label="Remove tmpfs" onClick={() => removeRow("tmpfs", i)} />
              </div>
            ))}
            <AddButton onClick={() => addRow("tmpfs")}>Add tmpfs</AddButton>
          </div>
        </div>
      </Card>

      <Card title="Network">
        <div className="space-y-2" data-section="networks">
          <p className="text-xs text-slate-500">
            Empty: the engine’s default bridge network. The first network is the one the container
            is created on.
          </p>
          <SectionError id="networks" error={err("networks")} />
          {form.networks.length > 0 ? (
            <RowHeader
              columns="grid-cols-[1fr_2fr_2rem]"
              labels={["Network", "Aliases (comma separated)", ""]}
            />
          ) : null}
          {form.networks.map((n, i) => (
            <div key={n.key} className="grid grid-cols-[1fr_2fr_2rem] items-start gap-2">
              <RowInput
                id={`networks-${i}-name`}
                label="Network name"
                placeholder="backend"
                value={n.name}
                error={err(`networks-${i}-name`)}
                onChange={(e) => updateRow("networks", i, { name: e.target.value })}
              />
              <RowInput
                id={`networks-${i}-aliases`}
                label="Aliases"
                placeholder="api, api.internal"
                value={n.aliases}
                error={err(`networks-${i}-aliases`)}
                onChange={(e) => updateRow("networks", i, { aliases: e.target.value })}
              />
              <RemoveButton label="Remove network" onClick={() => removeRow("networks", i)} />
            </div>
          ))}
          <AddButton onClick={() => addRow("networks")}>Add network</AddButton>
        </div>
      </Card>

      <Card title="Runtime">
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField
            id="restartPolicy"
            label="Restart policy"
            value={form.restartPolicy}
            error={err("restartPolicy")}
            onChange={(e) => set("restartPolicy", e.target.value as RunForm["restartPolicy"])}
          >
            <option value="no">no</option>
            <option value="always">always</option>
            <option value="unless-stopped">unless-stopped</option>
            <option value="on-failure">on-failure</option>
          </SelectField>
          {form.restartPolicy === "on-failure" ? (
            <Field
              id="restartPolicy-maxRetries"
              label="Max retries (optional)"
              inputMode="numeric"
              value={form.maxRetries}
              error={err("restartPolicy-maxRetries")}
              onChange={(e) => set("maxRetries", e.target.value)}
            />
          ) : (
            <div />
          )}
          <div />
          <Field
            id="cpus"
            label="CPUs (optional)"
            placeholder="0.5"
            inputMode="decimal"
            value={form.cpus}
            error={err("cpus")}
            onChange={(e) => set("cpus", e.target.value)}
          />
          <Field
            id="memoryBytes"
            label="Memory limit (optional)"
            placeholder="512m, 1g"
            value={form.memoryBytes}
            error={err("memoryBytes")}
            onChange={(e) => set("memoryBytes", e.target.value)}
          />
          <Field
            id="pidsLimit"
            label="Process limit (optional)"
            inputMode="numeric"
            placeholder="200"
            value={form.pidsLimit}
            error={err("pidsLimit")}
            onChange={(e) => set("pidsLimit", e.target.value)}
          />
        </div>
      </Card>

      <Card title="Security">
        <div className="space-y-3">
          <Checkbox
            id="readOnlyRootfs"
            label="Read-only root filesystem"
            checked={form.readOnlyRootfs}
            onChange={(e) => set("readOnlyRootfs", e.target.checked)}
          />
          <Checkbox
            id="noNewPrivileges"
            label="No new privileges (setuid binaries cannot gain rights)"
            checked={form.noNewPrivileges}
            onChange={(e) => set("noNewPrivileges", e.target.checked)}
          />
          <Checkbox
            id="privileged"
            label={
              <>
                Privileged mode{" "}
                <span
                  className="ml-1 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800"
                  data-testid="privileged-flag"
                >
                  host admins only
                </span>
              </>
            }
            hint="All devices and capabilities: the container can take over the host."
            checked={form.privileged}
            error={err("privileged")}
            onChange={(e) => set("privileged", e.target.checked)}
          />
          {form.privileged ? (
            <HostAdminFlag allowed={hostAdmin} testId="privileged-warning">
              Privileged mode hands the container the whole host.
            </HostAdminFlag>
          ) : null}
          <div className="grid gap-4 md:grid-cols-2">
            <Field
              id="capAdd"
              label="Add capabilities"
              placeholder="NET_ADMIN, SYS_TIME"
              value={form.capAdd}
              error={err("capAdd")}
              onChange={(e) => set("capAdd", e.target.value)}
            />
            <Field
              id="capDrop"
              label="Drop capabilities"
              placeholder="ALL"
              value={form.capDrop}
              error={err("capDrop")}
              onChange={(e) => set("capDrop", e.target.value)}
            />
          </div>
        </div>
      </Card>

      <Card title="Labels">
        <div className="space-y-2" data-section="labels">
          <SectionError id="labels" error={err("labels")} />
          {form.labels.map((l, i) => (
            <div key={l.key} className="grid grid-cols-[1fr_2fr_2rem] items-start gap-2">
              <RowInput
                id={`labels-${i}-name`}
                label="Label name"
                placeholder="com.example.team"
                value={l.name}
                error={err(`labels-${i}-name`)}
                onChange={(e) => updateRow("labels", i, { name: e.target.value })}
              />
              <RowInput
                id={`labels-${i}-value`}
                label="Label value"
                value={l.value}
                error={err(`labels-${i}-value`)}
                onChange={(e) => updateRow("labels", i, { value: e.target.value })}
              />
              <RemoveButton label="Remove label" onClick={() => removeRow("labels", i)} />
            </div>
          ))}
          <AddButton onClick={() => addRow("labels")}>Add label</AddButton>
        </div>
      </Card>

      <Card title="Healthcheck">
        <div className="space-y-3" data-section="healthcheck">
          <SelectField
            id="healthMode"
            label="Check"
            value={form.healthMode}
            onChange={(e) => set("healthMode", e.target.value as RunForm["healthMode"])}
          >
            <option value="image">As the image defines it</option>
            <option value="shell">Shell command (CMD-SHELL)</option>
            <option value="cmd">Command (CMD, shell words)</option>
            <option value="none">Disable the image’s check</option>
          </SelectField>
          {form.healthMode === "cmd" || form.healthMode === "shell" ? (
            <>
              <Field
                id="healthcheck"
                label="Command"
                placeholder="curl -fsS http://localhost/ || exit 1"
                value={form.healthTest}
                error={err("healthcheck") ?? err("healthcheck-test")}
                onChange={(e) => set("healthTest", e.target.value)}
              />
              <div className="grid gap-4 md:grid-cols-4">
                <Field
                  id="healthcheck-intervalSeconds"
                  label="Interval"
                  placeholder="30s"
                  value={form.healthInterval}
                  error={err("healthcheck-intervalSeconds")}
                  onChange={(e) => set("healthInterval", e.target.value)}
                />
                <Field
                  id="healthcheck-timeoutSeconds"
                  label="Timeout"
                  placeholder="5s"
                  value={form.healthTimeout}
                  error={err("healthcheck-timeoutSeconds")}
                  onChange={(e) => set("healthTimeout", e.target.value)}
                />
                <Field
                  id="healthcheck-startPeriodSeconds"
                  label="Start period"
                  placeholder="10s"
                  value={form.healthStartPeriod}
                  error={err("healthcheck-startPeriodSeconds")}
                  onChange={(e) => set("healthStartPeriod", e.target.value)}
                />
                <Field
                  id="healthcheck-retries"
                  label="Retries"
                  inputMode="numeric"
                  placeholder="3"
                  value={form.healthRetries}
                  error={err("healthcheck-retries")}
                  onChange={(e) => set("healthRetries", e.target.value)}
                />
              </div>
            </>
          ) : null}
        </div>
      </Card>

      <Card title="When it runs">
        <div className="space-y-3">
          <Checkbox
            id="autoRemove"
            label="Remove the container when it exits (--rm)"
            checked={form.autoRemove}
            onChange={(e) => set("autoRemove", e.target.checked)}
          />
          <Checkbox
            id="start"
            label="Start it right after creating it"
            checked={form.start}
            onChange={(e) => set("start", e.target.checked)}
          />
        </div>
      </Card>

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
        {needsHostAdmin && !hostAdmin ? (
          <span className="text-sm text-red-700">
            This needs the host admin role on {host?.name ?? "the host"}; the server will refuse it.
          </span>
        ) : null}
      </div>
    </form>
  );
}

function ParseReport({
  report,
}: {
  report: { unknownFlags: string[]; ignoredFlags: string[]; errors: string[] };
}) {
  const clean = report.errors.length === 0 && report.unknownFlags.length === 0;
  return (
    <div className="space-y-2 text-sm" data-testid="docker-run-report">
      {report.errors.length > 0 ? (
        <div
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800"
          data-testid="docker-run-errors"
        >
          <p className="font-medium">Fix these in the form:</p>
          <ul className="list-disc pl-5">
            {report.errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.unknownFlags.length > 0 ? (
        <div
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900"
          data-testid="docker-run-unknown"
        >
          <p className="font-medium">Not carried over (Berth does not support these flags yet):</p>
          <ul className="list-disc pl-5 font-mono text-xs">
            {report.unknownFlags.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.ignoredFlags.length > 0 ? (
        <p className="text-xs text-slate-500" data-testid="docker-run-ignored">
          Not needed here: <span className="font-mono">{report.ignoredFlags.join(" ")}</span>
        </p>
      ) : null}
      {clean ? (
        <p className="text-emerald-700">The form now holds everything from the line.</p>
      ) : null}
    </div>
  );
}

function HostAdminFlag({
  allowed,
  children,
  testId,
}: {
  allowed: boolean;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <p
      data-testid={testId}
      className={`rounded-md border px-3 py-1.5 text-xs ${allowed ? "border-amber-200 bg-amber-50 text-amber-900" : "border-red-200 bg-red-50 text-red-800"}`}
    >
      {children} {allowed ? "You are a host admin here." : "Only host admins may do this."}
    </p>
  );
}

function SectionError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="text-sm text-red-700">
      {error}
    </p>
  );
}

function RowHeader({ columns, labels }: { columns: string; labels: string[] }) {
  return (
    <div className={`grid ${columns} gap-2 text-xs font-medium text-slate-500`} aria-hidden>
      {labels.map((l, i) => (
        <span key={i}>{l}</span>
      ))}
    </div>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="text-sm font-medium text-sky-700 hover:underline"
    >
      + {children}
    </button>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="h-8 rounded-md text-slate-400 hover:bg-slate-100 hover:text-red-700"
    >
      ×
    </button>
  );
}

function ReadOnlyToggle({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <label htmlFor={id} className="flex h-8 items-center gap-1.5 text-sm text-slate-700">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      read-only
    </label>
  );
}
