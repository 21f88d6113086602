"use client";

import { Card } from "@/components/ui/card";
import { Checkbox, RowInput } from "@/components/ui/controls";
import { AddButton, RemoveButton, RowHeader, SectionError } from "./form-parts";
import type { PortRow } from "./run-form-model";
import type { RunFormState } from "./use-run-form-state";

/** Published ports (-p) and publish-all (-P). */
export function PortsSection({ state }: { state: RunFormState }) {
  const { form, err, set, updateRow, addRow, removeRow } = state;
  return (
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
  );
}
