"use client";

import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { HostAdminFlag } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

/** Root filesystem, privileges and capabilities; privileged mode is flagged for host admins. */
export function SecuritySection({ state, hostAdmin }: { state: RunFormState; hostAdmin: boolean }) {
  const { form, err, set } = state;
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
      </div>
    </Card>
  );
}
