"use client";

import { RowInput, SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { CollapsibleCard } from "./disclosure";
import { AddButton, RemoveButton, RowHeader, SectionError } from "./form-parts";
import type { RunForm } from "./run-form-model";
import type { RunFormState } from "./use-run-form-state";

const DEVICE_COLUMNS = "grid-cols-[1fr_1fr_6rem_2rem]";

/** Host devices (--device) and GPUs (--gpus). */
export function DevicesSection({ state }: { state: RunFormState }) {
  const { form, err, set, updateRow, addRow, removeRow } = state;
  const filled = form.devices.length > 0 || form.gpuMode !== "none";
  return (
    <CollapsibleCard
      title="Devices and GPUs"
      hint="Host devices and GPUs handed to the container"
      filled={filled}
      testId="devices-card"
    >
      <div className="space-y-5">
        <div className="space-y-2" data-section="devices">
          <h3 className="text-sm font-medium text-slate-700">Devices (--device)</h3>
          <SectionError id="devices" error={err("devices")} />
          {form.devices.length > 0 ? (
            <RowHeader
              columns={DEVICE_COLUMNS}
              labels={["Host path", "Path in container (empty: the same)", "Permissions", ""]}
            />
          ) : null}
          {form.devices.map((d, i) => (
            <div key={d.key} className={`grid ${DEVICE_COLUMNS} items-start gap-2`}>
              <RowInput
                id={`devices-${i}-hostPath`}
                label="Device host path"
                placeholder="/dev/ttyUSB0"
                value={d.hostPath}
                error={err(`devices-${i}-hostPath`)}
                onChange={(e) => updateRow("devices", i, { hostPath: e.target.value })}
              />
              <RowInput
                id={`devices-${i}-containerPath`}
                label="Device path in container"
                placeholder={d.hostPath || "/dev/ttyUSB0"}
                value={d.containerPath}
                error={err(`devices-${i}-containerPath`)}
                onChange={(e) => updateRow("devices", i, { containerPath: e.target.value })}
              />
              <RowInput
                id={`devices-${i}-permissions`}
                label="Device permissions"
                placeholder="rwm"
                value={d.permissions}
                error={err(`devices-${i}-permissions`)}
                onChange={(e) => updateRow("devices", i, { permissions: e.target.value })}
              />
              <RemoveButton label="Remove device" onClick={() => removeRow("devices", i)} />
            </div>
          ))}
          <AddButton onClick={() => addRow("devices")}>Add device</AddButton>
        </div>
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField
            id="gpus"
            label="GPUs (--gpus)"
            value={form.gpuMode}
            error={err("gpus")}
            onChange={(e) => set("gpuMode", e.target.value as RunForm["gpuMode"])}
          >
            <option value="none">None</option>
            <option value="all">All of the host’s</option>
            <option value="count">A number of them</option>
            <option value="devices">The ones named</option>
          </SelectField>
          {form.gpuMode === "count" ? (
            <Field
              id="gpus-count"
              label="How many"
              inputMode="numeric"
              placeholder="1"
              value={form.gpuCount}
              error={err("gpus-count")}
              onChange={(e) => set("gpuCount", e.target.value)}
            />
          ) : null}
          {form.gpuMode === "devices" ? (
            <Field
              id="gpus-deviceIds"
              label="GPU ids or UUIDs"
              placeholder="0, 1"
              value={form.gpuDevices}
              error={err("gpus-deviceIds")}
              onChange={(e) => set("gpuDevices", e.target.value)}
            />
          ) : null}
        </div>
        {form.gpuMode !== "none" ? (
          <div className="grid gap-4 md:grid-cols-3">
            <Field
              id="gpus-driver"
              label="Driver (optional)"
              placeholder="nvidia"
              value={form.gpuDriver}
              error={err("gpus-driver")}
              onChange={(e) => set("gpuDriver", e.target.value)}
            />
            <Field
              id="gpus-capabilities"
              label="Capabilities besides gpu (optional)"
              placeholder="compute, utility"
              value={form.gpuCapabilities}
              error={err("gpus-capabilities")}
              onChange={(e) => set("gpuCapabilities", e.target.value)}
            />
          </div>
        ) : null}
      </div>
    </CollapsibleCard>
  );
}
