"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import type { HostRoleName } from "@/lib/auth/permissions";
import { networkCreateViolations } from "@/lib/policy/network-policy";
import type { HostSecurityPolicy, NetworkDriver } from "@/lib/protocol";
import type { CreatedNetwork } from "@/lib/services/networks/create-network";
import type { HostPolicyView } from "@/lib/services/policy/policy-view";
import { ErrorMessage } from "@/components/ui/alert";
import { api, ApiError, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox, SelectField, TextAreaField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { HostOptions } from "@/components/ui/host-options";
import { networkHref, networksApi, type HostOption } from "./api";
import { IpamRows } from "./ipam-rows";
import {
  EMPTY_NETWORK_FORM,
  inputOf,
  isFormInput,
  validateNetworkForm,
  type FieldErrors,
  type NetworkForm,
} from "./network-form-model";
import { ParentPicker } from "./parent-picker";

const DRIVER_HINTS: Record<NetworkDriver, string> = {
  bridge: "A private network on this host; containers reach the outside through the host's NAT.",
  macvlan:
    "Each container gets its own MAC and address on the parent interface's LAN, like a machine of its own.",
  ipvlan:
    "Containers share the parent's MAC; l2 puts them on its LAN, l3 routes their subnet through the host.",
};

/** The effective policy of the host, for a role it binds (host admins are not bound). */
function useEffectivePolicy(hostId: string, role: HostRoleName | null): HostSecurityPolicy | null {
  const [policy, setPolicy] = useState<{ hostId: string; policy: HostSecurityPolicy } | null>(null);
  useEffect(() => {
    if (!hostId || role === null || role === "HOST_ADMIN") return;
    let live = true;
    api<HostPolicyView>(`/api/hosts/${encodeURIComponent(hostId)}/policy`).then(
      (view) => {
        if (live) setPolicy({ hostId, policy: view.effective });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [hostId, role]);
  return policy?.hostId === hostId ? policy.policy : null;
}

/** `docker network create`: bridge, macvlan or ipvlan with IPAM, flags, labels and options. */
export function NetworkCreateForm({
  hosts,
  initialHostId,
}: {
  hosts: HostOption[];
  initialHostId: string | null;
}) {
  const router = useRouter();
  const [hostId, setHostId] = useState(
    hosts.find((h) => h.id === initialHostId && h.online)?.id ??
      hosts.find((h) => h.online)?.id ??
      "",
  );
  const host = hosts.find((h) => h.id === hostId) ?? null;
  const [form, setForm] = useState<NetworkForm>(EMPTY_NETWORK_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const policy = useEffectivePolicy(hostId, host?.role ?? null);

  const set = <K extends keyof NetworkForm>(key: K, value: NetworkForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: "" }));
  };

  const foreseen = useMemo(
    () =>
      policy && host
        ? networkCreateViolations(
            { driver: form.driver, options: {}, parent: form.parent || undefined },
            policy,
            host.role,
            [],
          )
        : [],
    [policy, host, form.driver, form.parent],
  );

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setTopError(null);
    const checked = validateNetworkForm(form);
    if (!hostId) checked.errors.host = "Pick a host.";
    setErrors(checked.errors);
    if (!checked.spec || !hostId) return;
    setBusy(true);
    try {
      const created = await postJson<CreatedNetwork>(networksApi(hostId, "create"), checked.spec);
      router.push(networkHref(hostId, created.name));
    } catch (err) {
      const placed: FieldErrors = {};
      if (err instanceof ApiError) {
        for (const v of err.violations) placed[inputOf(v.field, checked.poolRows)] = v.message;
        if (err.field && err.violations.length === 0) {
          placed[inputOf(err.field, checked.poolRows)] = err.message;
        }
      }
      const shown = Object.keys(placed).filter(isFormInput);
      if (shown.length > 0) setErrors(placed);
      if (shown.length === 0 || shown.length < Object.keys(placed).length) {
        setTopError(errorText(err));
      }
      setBusy(false);
    }
  }

  const lan = form.driver !== "bridge";
  return (
    <form className="space-y-4" onSubmit={(e) => void submit(e)} data-testid="network-form">
      <h1 className="text-2xl font-semibold">Create a network</h1>
      {topError ? <ErrorMessage>{topError}</ErrorMessage> : null}
      <Card title="Network">
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            id="host"
            label="Host"
            value={hostId}
            error={errors.host}
            onChange={(e) => {
              setHostId(e.target.value);
              set("parent", "");
            }}
          >
            <option value="">Pick a host</option>
            <HostOptions hosts={hosts} disableOffline />
          </SelectField>
          <Field
            id="name"
            label="Name"
            placeholder="backend"
            value={form.name}
            error={errors.name}
            onChange={(e) => set("name", e.target.value)}
          />
          <div className="space-y-1">
            <SelectField
              id="driver"
              label="Driver"
              value={form.driver}
              error={errors.driver}
              onChange={(e) => set("driver", e.target.value as NetworkDriver)}
            >
              <option value="bridge">bridge</option>
              <option value="macvlan">macvlan</option>
              <option value="ipvlan">ipvlan</option>
            </SelectField>
            <p className="text-xs text-slate-500">{DRIVER_HINTS[form.driver]}</p>
            {foreseen.map((v) => (
              <p key={v.field} className="text-sm text-amber-800" data-testid="policy-preview">
                {v.message}
              </p>
            ))}
          </div>
          {lan ? (
            <ParentPicker
              hostId={hostId}
              value={form.parent}
              error={errors.parent}
              onChange={(value) => set("parent", value)}
            />
          ) : null}
          {form.driver === "ipvlan" ? (
            <SelectField
              id="ipvlanMode"
              label="IPvlan mode"
              value={form.ipvlanMode}
              error={errors.ipvlanMode}
              onChange={(e) => set("ipvlanMode", e.target.value as "l2" | "l3")}
            >
              <option value="l2">l2: on the parent&apos;s LAN</option>
              <option value="l3">l3: routed through the host</option>
            </SelectField>
          ) : null}
        </div>
        <div className="mt-4 grid gap-3 md:grid-cols-3">
          <Checkbox
            id="enableIPv6"
            label="IPv6"
            hint="Give containers IPv6 addresses (needs an IPv6 subnet below)."
            checked={form.enableIPv6}
            error={errors.enableIPv6}
            onChange={(e) => set("enableIPv6", e.target.checked)}
          />
          <Checkbox
            id="internal"
            label="Internal"
            hint="No route out: containers reach only each other."
            checked={form.internal}
            error={errors.internal}
            onChange={(e) => set("internal", e.target.checked)}
          />
          <Checkbox
            id="attachable"
            label="Attachable"
            hint="Plain containers may join it as well as swarm services."
            checked={form.attachable}
            error={errors.attachable}
            onChange={(e) => set("attachable", e.target.checked)}
          />
        </div>
      </Card>

      <IpamRows
        pools={form.pools}
        errors={errors}
        onChange={(pools) => {
          setForm((f) => ({ ...f, pools }));
          setErrors((e) => ({ ...e, ipam: "" }));
        }}
      />

      <Card title="Labels and driver options">
        <div className="grid gap-4 md:grid-cols-2">
          <TextAreaField
            id="labels"
            label="Labels"
            hint="name=value, one a line"
            rows={3}
            value={form.labels}
            error={errors.labels}
            onChange={(e) => set("labels", e.target.value)}
          />
          <TextAreaField
            id="options"
            label="Driver options"
            hint="-o name=value, one a line, e.g. com.docker.network.bridge.enable_icc=false"
            rows={3}
            value={form.options}
            error={errors.options}
            onChange={(e) => set("options", e.target.value)}
          />
        </div>
      </Card>

      <div className="flex gap-2">
        <Button type="submit" disabled={busy || !hostId} data-testid="network-submit">
          {busy ? "Creating…" : "Create network"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => router.push("/networks")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
