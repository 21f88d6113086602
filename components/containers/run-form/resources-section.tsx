"use client";

import { Card } from "@/components/ui/card";
import { RowInput } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { MoreOptions } from "./disclosure";
import { AddButton, RemoveButton, RowHeader, SectionError } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

const ULIMIT_COLUMNS = "grid-cols-[1fr_1fr_1fr_2rem]";

/** CPU, memory, process and shared-memory limits; the finer ones and ulimits folded away. */
export function ResourcesSection({ state }: { state: RunFormState }) {
  const { form, err, set, updateRow, addRow, removeRow } = state;
  const finer =
    Boolean(
      form.cpuShares.trim() ||
      form.cpusetCpus.trim() ||
      form.memoryReservation.trim() ||
      form.memorySwap.trim() ||
      form.cgroupParent.trim(),
    ) || form.ulimits.length > 0;
  return (
    <Card title="Resources">
      <div className="space-y-4">
        <div className="grid gap-4 md:grid-cols-4">
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
          <Field
            id="shmSizeBytes"
            label="/dev/shm size (optional)"
            placeholder="64m"
            value={form.shmSize}
            error={err("shmSizeBytes")}
            onChange={(e) => set("shmSize", e.target.value)}
          />
        </div>
        <MoreOptions
          title="CPU shares, reservations, swap, ulimits"
          filled={finer}
          testId="limits-more"
        >
          <div className="grid gap-4 md:grid-cols-3">
            <Field
              id="cpuShares"
              label="CPU shares (relative weight)"
              inputMode="numeric"
              placeholder="1024"
              value={form.cpuShares}
              error={err("cpuShares")}
              onChange={(e) => set("cpuShares", e.target.value)}
            />
            <Field
              id="cpusetCpus"
              label="CPUs allowed (--cpuset-cpus)"
              placeholder="0-2,4"
              value={form.cpusetCpus}
              error={err("cpusetCpus")}
              onChange={(e) => set("cpusetCpus", e.target.value)}
            />
            <Field
              id="cgroupParent"
              label="Cgroup parent"
              placeholder="/my-slice"
              value={form.cgroupParent}
              error={err("cgroupParent")}
              onChange={(e) => set("cgroupParent", e.target.value)}
            />
            <Field
              id="memoryReservationBytes"
              label="Memory reservation (soft limit)"
              placeholder="256m"
              value={form.memoryReservation}
              error={err("memoryReservationBytes")}
              onChange={(e) => set("memoryReservation", e.target.value)}
            />
            <Field
              id="memorySwapBytes"
              label="Memory + swap (-1: unlimited swap)"
              placeholder="1g"
              value={form.memorySwap}
              error={err("memorySwapBytes")}
              onChange={(e) => set("memorySwap", e.target.value)}
            />
          </div>
          <div className="space-y-2" data-section="ulimits">
            <h3 className="text-sm font-medium text-slate-700">Ulimits</h3>
            <SectionError id="ulimits" error={err("ulimits")} />
            {form.ulimits.length > 0 ? (
              <RowHeader
                columns={ULIMIT_COLUMNS}
                labels={["Name", "Soft limit", "Hard limit (empty: the soft one)", ""]}
              />
            ) : null}
            {form.ulimits.map((u, i) => (
              <div key={u.key} className={`grid ${ULIMIT_COLUMNS} items-start gap-2`}>
                <RowInput
                  id={`ulimits-${i}-name`}
                  label="Ulimit name"
                  placeholder="nofile"
                  value={u.name}
                  error={err(`ulimits-${i}-name`)}
                  onChange={(e) => updateRow("ulimits", i, { name: e.target.value })}
                />
                <RowInput
                  id={`ulimits-${i}-soft`}
                  label={`Soft limit of ${u.name || "the ulimit"}`}
                  inputMode="numeric"
                  placeholder="1024"
                  value={u.soft}
                  error={err(`ulimits-${i}-soft`)}
                  onChange={(e) => updateRow("ulimits", i, { soft: e.target.value })}
                />
                <RowInput
                  id={`ulimits-${i}-hard`}
                  label={`Hard limit of ${u.name || "the ulimit"}`}
                  inputMode="numeric"
                  placeholder="2048"
                  value={u.hard}
                  error={err(`ulimits-${i}-hard`)}
                  onChange={(e) => updateRow("ulimits", i, { hard: e.target.value })}
                />
                <RemoveButton label="Remove ulimit" onClick={() => removeRow("ulimits", i)} />
              </div>
            ))}
            <AddButton onClick={() => addRow("ulimits")}>Add ulimit</AddButton>
          </div>
        </MoreOptions>
      </div>
    </Card>
  );
}
