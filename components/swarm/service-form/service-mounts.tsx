"use client";

import { isSensitiveHostPath } from "@/lib/containers/security-summary";
import { INPUT_CLASS, RowInput, TextAreaField } from "@/components/ui/controls";
import {
  AddButton,
  ReadOnlyToggle,
  RemoveButton,
  RowHeader,
} from "@/components/containers/run-form/form-parts";
import {
  errorFor,
  errorsUnder,
  mountPath,
  type ConfigRow,
  type FieldErrors,
  type MountRow,
} from "./service-form-model";

const COLUMNS = "grid-cols-[7rem_1fr_1fr_6rem_2rem]";
const SOURCE_LABEL = { volume: "Volume name", bind: "Host path", tmpfs: "" };
const SOURCE_HINT = { volume: "data", bind: "/srv/app", tmpfs: "" };

/** Named volumes, bind mounts (through each host's policy) and tmpfs, one row each. */
export function ServiceMounts({
  mounts,
  errors,
  onChange,
}: {
  mounts: MountRow[];
  errors: FieldErrors;
  onChange: (mounts: MountRow[]) => void;
}) {
  const update = (i: number, change: Partial<MountRow>) =>
    onChange(mounts.map((m, j) => (j === i ? { ...m, ...change } : m)));
  const listErrors = ["volumes", "binds", "tmpfs"]
    .map((list) => errors[list])
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset className="space-y-2" data-section="mounts">
      <legend className="text-sm font-medium text-slate-700">Mounts</legend>
      {listErrors ? <p className="text-sm text-red-700">{listErrors}</p> : null}
      {mounts.length > 0 ? (
        <RowHeader
          columns={COLUMNS}
          labels={["Type", "Volume, host path or size", "Path in container", "", ""]}
        />
      ) : null}
      {mounts.map((m, i) => {
        const path = mountPath(mounts, i);
        const id = `svc-${path.replace(".", "-")}`;
        return (
          <div key={m.key} className="space-y-1">
            <div className={`grid ${COLUMNS} items-start gap-2`}>
              <select
                id={`${id}-type`}
                aria-label="Mount type"
                className={`${INPUT_CLASS} border-slate-300 py-1.5`}
                value={m.type}
                onChange={(e) => update(i, { type: e.target.value as MountRow["type"] })}
              >
                <option value="volume">volume</option>
                <option value="bind">bind</option>
                <option value="tmpfs">tmpfs</option>
              </select>
              {m.type === "tmpfs" ? (
                <RowInput
                  id={`${id}-sizeBytes`}
                  label="Size in MiB (optional)"
                  placeholder="size in MiB (optional)"
                  value={m.sizeMb}
                  error={errorFor(errors, `${path}.sizeBytes`)}
                  onChange={(e) => update(i, { sizeMb: e.target.value })}
                />
              ) : (
                <RowInput
                  id={`${id}-source`}
                  label={SOURCE_LABEL[m.type]}
                  placeholder={SOURCE_HINT[m.type]}
                  value={m.source}
                  error={errorFor(errors, `${path}.${m.type === "bind" ? "source" : "name"}`)}
                  onChange={(e) => update(i, { source: e.target.value })}
                />
              )}
              <RowInput
                id={`${id}-target`}
                label="Path in container"
                placeholder="/data"
                value={m.target}
                error={errorFor(errors, `${path}.target`)}
                onChange={(e) => update(i, { target: e.target.value })}
              />
              {m.type === "tmpfs" ? (
                <span />
              ) : (
                <ReadOnlyToggle
                  id={`${id}-readOnly`}
                  checked={m.readOnly}
                  onChange={(readOnly) => update(i, { readOnly })}
                />
              )}
              <RemoveButton
                label="Remove mount"
                onClick={() => onChange(mounts.filter((_, j) => j !== i))}
              />
            </div>
            {m.type === "bind" && m.source.trim() && isSensitiveHostPath(m.source) ? (
              <p
                data-testid="sensitive-bind-flag"
                className="rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900"
              >
                {m.source} is a sensitive host path: it gives the tasks control of their hosts. Each
                host&apos;s policy decides whether you may bind it.
              </p>
            ) : null}
          </div>
        );
      })}
      <AddButton
        onClick={() =>
          onChange([
            ...mounts,
            {
              key: Date.now(),
              type: "volume",
              source: "",
              target: "",
              readOnly: false,
              sizeMb: "",
            },
          ])
        }
      >
        Add mount
      </AddButton>
    </fieldset>
  );
}

/** Swarm configs: a file's content placed at a path in every task. */
export function ServiceConfigs({
  configs,
  errors,
  onChange,
}: {
  configs: ConfigRow[];
  errors: FieldErrors;
  onChange: (configs: ConfigRow[]) => void;
}) {
  const update = (i: number, change: Partial<ConfigRow>) =>
    onChange(configs.map((c, j) => (j === i ? { ...c, ...change } : c)));
  return (
    <fieldset className="space-y-2" data-section="configs">
      <legend className="text-sm font-medium text-slate-700">Configs (files in every task)</legend>
      {errors.configs ? <p className="text-sm text-red-700">{errors.configs}</p> : null}
      {configs.map((c, i) => (
        <div key={c.key} className="grid grid-cols-[10rem_1fr_2rem] items-start gap-2">
          <div className="space-y-2">
            <RowInput
              id={`svc-configs-${i}-name`}
              label="Config name"
              placeholder="name"
              value={c.name}
              error={errorFor(errors, `configs.${i}.name`)}
              onChange={(e) => update(i, { name: e.target.value })}
            />
            <RowInput
              id={`svc-configs-${i}-target`}
              label="Path in container"
              placeholder="/etc/app.conf"
              value={c.target}
              error={errorFor(errors, `configs.${i}.target`)}
              onChange={(e) => update(i, { target: e.target.value })}
            />
          </div>
          <TextAreaField
            id={`svc-configs-${i}-value`}
            label={`Content of ${c.target || "the file"}`}
            rows={3}
            value={c.value}
            error={errorsUnder(errors, `configs.${i}.value`)}
            onChange={(e) => update(i, { value: e.target.value })}
          />
          <RemoveButton
            label="Remove config"
            onClick={() => onChange(configs.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <AddButton
        onClick={() => onChange([...configs, { key: Date.now(), name: "", target: "", value: "" }])}
      >
        Add config
      </AddButton>
    </fieldset>
  );
}
