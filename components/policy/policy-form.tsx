"use client";

import { useState } from "react";
import { api } from "@/components/ui/api-client";
import { useMutation } from "@/components/admin/use-mutation";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "@/components/ui/controls";
import {
  HOST_NAMESPACES,
  type HostNamespace,
  type HostSecurityPolicy,
  type PolicyUpdate,
} from "@/lib/protocol";
import { STRICT_POLICY } from "@/lib/policy/effective-policy";

const NAMESPACE_LABELS: Record<HostNamespace, string> = {
  network: "Host network (--network host)",
  pid: "Host processes (--pid host)",
  ipc: "Host IPC (--ipc host)",
  uts: "Host name (--uts host)",
  userns: "Host user namespace (--userns host)",
  cgroupns: "Host cgroup namespace (--cgroupns host)",
};

type ListField =
  | "allowedCapabilities"
  | "allowedDevices"
  | "allowedSysctls"
  | "allowedLogDrivers"
  | "allowedBindPaths";
type FlagField =
  | "allowPrivileged"
  | "allowContainerNamespaces"
  | "allowGpus"
  | "allowSecurityOptions"
  | "allowCgroupParent"
  | "allowLanNetworks"
  | "allowProtectedPaths";

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * A host's or a host group's security policy: editable by its host admins, read-only for
 * everyone else. Unticked and empty is the strict choice; saving sends the whole policy.
 */
export function PolicyForm({
  endpoint,
  policy,
  canEdit,
  scope,
}: {
  /** `/api/hosts/<id>/policy` or `/api/host-groups/<id>/policy` */
  endpoint: string;
  policy: HostSecurityPolicy | null;
  canEdit: boolean;
  scope: "host" | "host group";
}) {
  const m = useMutation();
  const start = policy ?? STRICT_POLICY;
  const [flags, setFlags] = useState<Record<FlagField, boolean>>({
    allowPrivileged: start.allowPrivileged,
    allowContainerNamespaces: start.allowContainerNamespaces,
    allowGpus: start.allowGpus,
    allowSecurityOptions: start.allowSecurityOptions,
    allowCgroupParent: start.allowCgroupParent,
    allowLanNetworks: start.allowLanNetworks,
    allowProtectedPaths: start.allowProtectedPaths,
  });
  const [namespaces, setNamespaces] = useState<HostNamespace[]>(start.hostNamespaces);
  const [lists, setLists] = useState<Record<ListField, string>>({
    allowedCapabilities: start.allowedCapabilities.join(", "),
    allowedDevices: start.allowedDevices.join("\n"),
    allowedSysctls: start.allowedSysctls.join("\n"),
    allowedLogDrivers: start.allowedLogDrivers.join(", "),
    allowedBindPaths: start.allowedBindPaths.join("\n"),
  });
  const [saved, setSaved] = useState<string | null>(null);

  const save = (body: PolicyUpdate) =>
    void m
      .run(() => api(endpoint, { method: "PUT", json: body }))
      .then((done) => {
        if (done) setSaved(body.policy ? "Policy saved." : "Policy removed.");
      });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(null);
    save({
      policy: {
        ...flags,
        hostNamespaces: namespaces,
        allowedCapabilities: lines(lists.allowedCapabilities),
        allowedDevices: lines(lists.allowedDevices),
        allowedSysctls: lines(lists.allowedSysctls),
        allowedLogDrivers: lines(lists.allowedLogDrivers),
        allowedBindPaths: lines(lists.allowedBindPaths),
      },
    });
  };

  const flag = (field: FlagField, label: string, hint?: string) => (
    <label className="flex items-start gap-2 text-sm text-slate-800">
      <input
        type="checkbox"
        className="mt-0.5"
        checked={flags[field]}
        onChange={(e) => setFlags({ ...flags, [field]: e.target.checked })}
      />
      <span>
        {label}
        {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      </span>
    </label>
  );

  const list = (field: ListField, label: string, hint: string, rows = 2) => (
    <div className="space-y-1">
      <label htmlFor={`policy-${field}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={`policy-${field}`}
        rows={rows}
        className={`${INPUT_CLASS} border-slate-300 font-mono disabled:bg-slate-50`}
        value={lists[field]}
        onChange={(e) => setLists({ ...lists, [field]: e.target.value })}
      />
      <p className="text-xs text-slate-500">{hint}</p>
    </div>
  );

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="policy-form">
      {canEdit ? null : (
        <p className="text-sm text-slate-600" data-testid="policy-readonly">
          Only host admins of this {scope} can change its policy.
        </p>
      )}
      <fieldset disabled={!canEdit || m.busy} className="grid gap-5 md:grid-cols-2">
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-700">Privileges</h3>
          {flag(
            "allowPrivileged",
            "Privileged containers",
            "Every capability and device of the host: whoever runs in it owns the host.",
          )}
          {list(
            "allowedCapabilities",
            "Capabilities containers may add",
            "e.g. NET_ADMIN, SYS_TIME; ALL allows every one. Empty: none.",
            1,
          )}
          {flag(
            "allowSecurityOptions",
            "Security options (seccomp, AppArmor, SELinux labels)",
            "no-new-privileges is always allowed: it only restricts.",
          )}
          {flag("allowCgroupParent", "A cgroup parent (--cgroup-parent)")}
          <h3 className="pt-2 text-sm font-semibold text-slate-700">Networks</h3>
          {flag(
            "allowLanNetworks",
            "Creating macvlan and ipvlan networks (and bridges on an existing host interface)",
            "Their containers sit on the host's physical LAN with addresses of their own, beside the host and outside its NAT and firewall. Connecting a container to the host network counts as sharing the host's network namespace.",
          )}
        </div>
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-700">Namespaces shared with the host</h3>
          {HOST_NAMESPACES.map((ns) => (
            <label key={ns} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={namespaces.includes(ns)}
                onChange={(e) =>
                  setNamespaces(
                    e.target.checked
                      ? HOST_NAMESPACES.filter((n) => n === ns || namespaces.includes(n))
                      : namespaces.filter((n) => n !== ns),
                  )
                }
              />
              {NAMESPACE_LABELS[ns]}
            </label>
          ))}
          {flag(
            "allowContainerNamespaces",
            "Joining another container's network, PID or IPC namespace (container:<name>)",
            "Only containers that pass this policy themselves can be joined.",
          )}
        </div>
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-700">Hardware and kernel</h3>
          {list(
            "allowedDevices",
            "Devices (host paths)",
            "One per line; a directory allows every device under it, e.g. /dev/dri.",
          )}
          {flag("allowGpus", "GPUs (--gpus)")}
          {list(
            "allowedSysctls",
            "Sysctls",
            "One per line: a name, or a prefix such as net.ipv4.*",
          )}
          {list(
            "allowedLogDrivers",
            "More log drivers",
            "json-file, local and none are always allowed; others send the log from the host.",
            1,
          )}
        </div>
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-700">Host paths</h3>
          {list(
            "allowedBindPaths",
            "Directories bind mounts may use",
            "One per line, as the host's real path. /srv/data allows /srv/data/x, not /srv/database. Empty: no bind mounts; named volumes and tmpfs are always allowed.",
            3,
          )}
          <div className="rounded-md border border-amber-300 bg-amber-50 p-2">
            {flag(
              "allowProtectedPaths",
              "Allow binding protected paths",
              "The Berth agent's state and install directories, the Docker socket and the engine's data directory. A container that binds them controls the host and Berth: refused for every role, host admins included, unless this is ticked.",
            )}
          </div>
        </div>
      </fieldset>
      {m.formError() ? <ErrorMessage>{m.formError()}</ErrorMessage> : null}
      {saved ? <SuccessMessage testId="policy-saved">{saved}</SuccessMessage> : null}
      {canEdit ? (
        <div className="flex gap-2">
          <Button type="submit" disabled={m.busy}>
            Save policy
          </Button>
          {policy ? (
            <Button
              type="button"
              variant="secondary"
              disabled={m.busy}
              onClick={() => {
                setSaved(null);
                save({ policy: null });
              }}
            >
              Remove this policy
            </Button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
