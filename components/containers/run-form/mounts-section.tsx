"use client";

import { isSensitiveHostPath } from "@/lib/containers/security-summary";
import { Card } from "@/components/ui/card";
import { RowInput } from "@/components/ui/controls";
import { AddButton, HostAdminFlag, ReadOnlyToggle, RemoveButton, SectionError } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

/** Named volumes, bind mounts (sensitive host paths flagged) and tmpfs. */
export function MountsSection({ state, hostAdmin }: { state: RunFormState; hostAdmin: boolean }) {
  const { form, err, updateRow, addRow, removeRow } = state;
  return (
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
                    {b.source} is a sensitive host path: it gives the container control of the host.
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
  );
}
