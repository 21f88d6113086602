"use client";

import { useState } from "react";
import type { ClusterSwarm } from "@/lib/services/swarm/get-cluster";
import type { CreatedService } from "@/lib/services/swarm/create-service";
import { ErrorMessage } from "@/components/ui/alert";
import { ApiError, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Checkbox, SelectField, TextAreaField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
const pairs = (text: string) =>
  lines(text).map((l) => {
    const eq = l.indexOf("=");
    return eq < 0 ? { key: l, value: "" } : { key: l.slice(0, eq), value: l.slice(eq + 1) };
  });

/** `docker service create` in one swarm: every target host's security policy applies. */
export function ServiceForm({ swarm, onCreated }: { swarm: ClusterSwarm; onCreated: () => void }) {
  const [f, setF] = useState({
    name: "",
    image: "",
    mode: "replicated",
    replicas: "1",
    command: "",
    constraints: "",
    ports: "",
    env: "",
    secrets: "",
    cpus: "",
    memoryMb: "",
    parallelism: "1",
    delay: "0",
    failureAction: "pause",
  });
  const [hosts, setHosts] = useState<string[]>([]);
  const [networks, setNetworks] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((old) => ({ ...old, [key]: e.target.value }));
  const toggle = (list: string[], item: string, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setTopError(null);
    try {
      await postJson<CreatedService>("/api/swarm/service-create", {
        hostId: swarm.managerHostId,
        spec: {
          name: f.name,
          image: f.image,
          mode: f.mode,
          ...(f.mode === "replicated" ? { replicas: Number(f.replicas) } : {}),
          ...(f.command.trim() ? { command: ["sh", "-c", f.command] } : {}),
          hostIds: hosts,
          constraints: lines(f.constraints),
          ports: lines(f.ports).map((p) => {
            const [published, target] = p.split(":");
            return { hostPort: Number(published), containerPort: Number(target ?? published) };
          }),
          networks,
          env: pairs(f.env),
          secrets: pairs(f.secrets).map((s) => ({ name: s.key, value: s.value })),
          limits: {
            ...(f.cpus ? { cpus: Number(f.cpus) } : {}),
            ...(f.memoryMb ? { memoryBytes: Number(f.memoryMb) * 1024 * 1024 } : {}),
          },
          update: {
            parallelism: Number(f.parallelism),
            delaySeconds: Number(f.delay),
            failureAction: f.failureAction,
          },
        },
      });
      setF((old) => ({ ...old, name: "" }));
      onCreated();
    } catch (err) {
      if (err instanceof ApiError && err.violations.length > 0) {
        const byField: Record<string, string> = {};
        for (const v of err.violations) {
          const key = v.field.split(".")[0] ?? v.field;
          byField[key] = [byField[key], `${v.message} (${v.rule})`].filter(Boolean).join(" ");
        }
        setErrors(byField);
        setTopError(err.message);
      } else if (err instanceof ApiError && err.field) {
        setErrors({ [err.field.split(".")[0] ?? err.field]: err.message });
      } else {
        setTopError(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const placed = swarm.nodes.filter((n) => n.hostId);
  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-md border border-slate-200 p-3"
      aria-label="New service"
    >
      <div className="grid gap-3 md:grid-cols-4">
        <Field
          id="svc-name"
          label="Service name"
          value={f.name}
          onChange={set("name")}
          error={errors.name}
          required
        />
        <Field
          id="svc-image"
          label="Image"
          value={f.image}
          onChange={set("image")}
          error={errors.image}
          required
        />
        <SelectField id="svc-mode" label="Mode" value={f.mode} onChange={set("mode")}>
          <option value="replicated">replicated</option>
          <option value="global">global (one task per node)</option>
        </SelectField>
        {f.mode === "replicated" ? (
          <Field
            id="svc-replicas"
            label="Replicas"
            type="number"
            min={0}
            value={f.replicas}
            onChange={set("replicas")}
            error={errors.replicas}
          />
        ) : null}
      </div>
      <Field
        id="svc-command"
        label="Command (sh -c, optional)"
        value={f.command}
        onChange={set("command")}
      />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">
          Run on (none ticked: any node)
        </legend>
        <div className="flex flex-wrap gap-4">
          {placed.map((n) => (
            <Checkbox
              key={n.id}
              id={`svc-host-${n.id}`}
              label={n.hostName}
              checked={hosts.includes(n.hostId!)}
              onChange={(e) => setHosts((h) => toggle(h, n.hostId!, e.target.checked))}
            />
          ))}
        </div>
        {errors.hostIds ? <p className="text-sm text-red-700">{errors.hostIds}</p> : null}
      </fieldset>
      {swarm.networks.length > 0 ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">Overlay networks</legend>
          <div className="flex flex-wrap gap-4">
            {swarm.networks.map((n) => (
              <Checkbox
                key={n.id}
                id={`svc-net-${n.id}`}
                label={n.name}
                checked={networks.includes(n.name)}
                onChange={(e) => setNetworks((x) => toggle(x, n.name, e.target.checked))}
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        <TextAreaField
          id="svc-ports"
          label="Ports, published on the task's host (8080:80)"
          rows={2}
          value={f.ports}
          onChange={set("ports")}
          error={errors.ports}
        />
        <TextAreaField
          id="svc-constraints"
          label="Constraints (node.labels.zone==a)"
          rows={2}
          value={f.constraints}
          onChange={set("constraints")}
          error={errors.constraints}
        />
        <TextAreaField
          id="svc-env"
          label="Environment (KEY=value)"
          rows={2}
          value={f.env}
          onChange={set("env")}
          error={errors.env}
        />
        <TextAreaField
          id="svc-secrets"
          label="Secrets (name=value, in /run/secrets/name)"
          rows={2}
          value={f.secrets}
          onChange={set("secrets")}
          error={errors.secrets}
        />
      </div>
      <div className="grid gap-3 md:grid-cols-5">
        <Field
          id="svc-cpus"
          label="CPU limit"
          value={f.cpus}
          onChange={set("cpus")}
          error={errors.cpus}
          placeholder="0.5"
        />
        <Field
          id="svc-memory"
          label="Memory limit (MiB)"
          value={f.memoryMb}
          onChange={set("memoryMb")}
          error={errors.memoryBytes}
        />
        <Field
          id="svc-parallelism"
          label="Update parallelism"
          type="number"
          min={0}
          value={f.parallelism}
          onChange={set("parallelism")}
        />
        <Field
          id="svc-delay"
          label="Update delay (s)"
          type="number"
          min={0}
          value={f.delay}
          onChange={set("delay")}
        />
        <SelectField
          id="svc-failure"
          label="On update failure"
          value={f.failureAction}
          onChange={set("failureAction")}
        >
          <option value="pause">pause</option>
          <option value="rollback">roll back</option>
          <option value="continue">continue</option>
        </SelectField>
      </div>
      {errors.binds || errors.capAdd ? (
        <p className="text-sm text-red-700">
          {[errors.binds, errors.capAdd].filter(Boolean).join(" ")}
        </p>
      ) : null}
      {topError ? <ErrorMessage>{topError}</ErrorMessage> : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create service"}
      </Button>
    </form>
  );
}
