"use client";

import { Card } from "@/components/ui/card";
import { Checkbox, RowInput } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { AddButton, HostAdminFlag, RemoveButton, RowHeader, SectionError } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

/**
 * Root filesystem, privileges, capabilities, security options and sysctls; privileged mode is
 * flagged for host admins.
 */
export function SecuritySection({ state, hostAdmin }: { state: RunFormState; hostAdmin: boolean }) {
  const { form, err, set, updateRow, addRow, removeRow } = state;
  return (
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
        <div className="space-y-2" data-section="securityOpt">
          <h3 className="text-sm font-medium text-slate-700">Security options (--security-opt)</h3>
          <SectionError id="securityOpt" error={err("securityOpt")} />
          {form.securityOpt.map((o, i) => (
            <div key={o.key} className="grid grid-cols-[1fr_2rem] items-start gap-2">
              <RowInput
                id={`securityOpt-${i}`}
                label="Security option"
                placeholder="seccomp=/path/profile.json, apparmor=my-profile, label=…"
                value={o.value}
                error={err(`securityOpt-${i}`)}
                onChange={(e) => updateRow("securityOpt", i, { value: e.target.value })}
              />
              <RemoveButton
                label="Remove security option"
                onClick={() => removeRow("securityOpt", i)}
              />
            </div>
          ))}
          <AddButton onClick={() => addRow("securityOpt")}>Add security option</AddButton>
        </div>
        <div className="space-y-2" data-section="sysctls">
          <h3 className="text-sm font-medium text-slate-700">Sysctls (kernel parameters)</h3>
          <SectionError id="sysctls" error={err("sysctls")} />
          {form.sysctls.length > 0 ? (
            <RowHeader columns="grid-cols-[1fr_1fr_2rem]" labels={["Name", "Value", ""]} />
          ) : null}
          {form.sysctls.map((row, i) => (
            <div key={row.key} className="grid grid-cols-[1fr_1fr_2rem] items-start gap-2">
              <RowInput
                id={`sysctls-${i}-name`}
                label="Sysctl name"
                placeholder="net.core.somaxconn"
                value={row.name}
                error={err(`sysctls-${i}-name`)}
                onChange={(e) => updateRow("sysctls", i, { name: e.target.value })}
              />
              <RowInput
                id={`sysctls-${i}-value`}
                label={`Value of ${row.name || "the sysctl"}`}
                placeholder="1024"
                value={row.value}
                onChange={(e) => updateRow("sysctls", i, { value: e.target.value })}
              />
              <RemoveButton label="Remove sysctl" onClick={() => removeRow("sysctls", i)} />
            </div>
          ))}
          <AddButton onClick={() => addRow("sysctls")}>Add sysctl</AddButton>
        </div>
      </div>
    </Card>
  );
}
