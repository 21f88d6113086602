"use client";

import { useState } from "react";
import type { ClusterSwarm } from "@/lib/services/swarm/get-cluster";
import type { CreatedService } from "@/lib/services/swarm/create-service";
import { ErrorMessage } from "@/components/ui/alert";
import { ApiError, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Checkbox, SelectField, TextAreaField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import {
  INITIAL_SERVICE_FORM,
  errorFor,
  errorsUnder,
  toServiceSpec,
  violationErrors,
  type FieldErrors,
  type ServiceFormState,
} from "./service-form-model";
import { ServiceConfigs, ServiceMounts } from "./service-mounts";
import { ServicePolicies, ServiceResources } from "./service-policies";

/** `docker service create` in one swarm: every target host's security policy applies. */
export function ServiceForm({ swarm, onCreated }: { swarm: ClusterSwarm; onCreated: () => void }) {
  const [f, setF] = useState<ServiceFormState>(INITIAL_SERVICE_FORM);
  const [hosts, setHosts] = useState<string[]>([]);
  const [networks, setNetworks] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof ServiceFormState) => (e: { target: { value: string } }) =>
    setF((old) => ({ ...old, [key]: e.target.value }));
  const toggle = (list: string[], item: string, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTopError(null);
    const { spec, errors: local } = toServiceSpec(f, hosts, networks);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setTopError("Some fields need another value: see the messages beside them.");
      return;
    }
    setBusy(true);
    try {
      await postJson<CreatedService>("/api/swarm/service-create", {
        hostId: swarm.managerHostId,
        spec,
      });
      setF((old) => ({ ...old, name: "" }));
      onCreated();
    } catch (err) {
      if (err instanceof ApiError && err.violations.length > 0) {
        setErrors(violationErrors(err.violations));
        setTopError(err.message);
      } else if (err instanceof ApiError && err.field) {
        setErrors({ [err.field]: err.message });
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
      className="space-y-4 rounded-md border border-slate-200 p-3 wrap-anywhere"
      aria-label="New service"
      noValidate
    >
      <div className="grid gap-3 md:grid-cols-4">
        <Field
          id="svc-name"
          label="Service name"
          value={f.name}
          onChange={set("name")}
          error={errorFor(errors, "name")}
          required
        />
        <Field
          id="svc-image"
          label="Image"
          value={f.image}
          onChange={set("image")}
          error={errorFor(errors, "image")}
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
            value={f.replicas}
            onChange={set("replicas")}
            error={errorFor(errors, "replicas")}
          />
        ) : null}
      </div>
      <Field
        id="svc-command"
        label="Command (sh -c, optional)"
        value={f.command}
        onChange={set("command")}
        error={errorsUnder(errors, "command")}
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
          {errorsUnder(errors, "networks") ? (
            <p className="text-sm text-red-700">{errorsUnder(errors, "networks")}</p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        <TextAreaField
          id="svc-ports"
          label="Ports, published on the task's host (8080:80)"
          rows={2}
          value={f.ports}
          onChange={set("ports")}
          error={errorsUnder(errors, "ports")}
        />
        <TextAreaField
          id="svc-constraints"
          label="Constraints (node.labels.zone==a)"
          rows={2}
          value={f.constraints}
          onChange={set("constraints")}
          error={errorsUnder(errors, "constraints")}
        />
        <TextAreaField
          id="svc-env"
          label="Environment (KEY=value)"
          rows={2}
          value={f.env}
          onChange={set("env")}
          error={errorsUnder(errors, "env")}
        />
        <TextAreaField
          id="svc-secrets"
          label="Secrets (name=value, in /run/secrets/name)"
          rows={2}
          value={f.secrets}
          onChange={set("secrets")}
          error={errorsUnder(errors, "secrets")}
        />
      </div>
      <ServiceMounts
        mounts={f.mounts}
        errors={errors}
        onChange={(mounts) => setF((old) => ({ ...old, mounts }))}
      />
      <ServiceConfigs
        configs={f.configs}
        errors={errors}
        onChange={(configs) => setF((old) => ({ ...old, configs }))}
      />
      <Field
        id="svc-capAdd"
        label="Add capabilities (NET_ADMIN, SYS_TIME, …)"
        value={f.capAdd}
        onChange={set("capAdd")}
        error={errorsUnder(errors, "capAdd")}
      />
      <ServiceResources f={f} errors={errors} set={set} />
      <ServicePolicies f={f} errors={errors} set={set} />
      {topError ? <ErrorMessage>{topError}</ErrorMessage> : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create service"}
      </Button>
    </form>
  );
}
