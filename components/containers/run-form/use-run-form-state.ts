"use client";

import { useState } from "react";
import {
  emptyForm,
  rowKey,
  type BindRow,
  type DeviceRow,
  type EnvRow,
  type ExtraHostRow,
  type FieldErrors,
  type LabelRow,
  type NetworkRow,
  type PairRow,
  type PortRow,
  type RunForm,
  type SecurityOptRow,
  type TmpfsRow,
  type UlimitRow,
  type VolumeRow,
} from "./run-form-model";

type RowSections = {
  ports: PortRow;
  env: EnvRow;
  volumes: VolumeRow;
  binds: BindRow;
  tmpfs: TmpfsRow;
  networks: NetworkRow;
  extraHosts: ExtraHostRow;
  ulimits: UlimitRow;
  devices: DeviceRow;
  securityOpt: SecurityOptRow;
  sysctls: PairRow;
  logOptions: PairRow;
  labels: LabelRow;
};
export type RowSection = keyof RowSections;

const NEW_ROW: { [K in RowSection]: () => RowSections[K] } = {
  ports: () => ({ key: rowKey(), hostIp: "", hostPort: "", containerPort: "", protocol: "tcp" }),
  env: () => ({ key: rowKey(), name: "", value: "" }),
  volumes: () => ({ key: rowKey(), name: "", target: "", readOnly: false }),
  binds: () => ({ key: rowKey(), source: "", target: "", readOnly: false }),
  tmpfs: () => ({ key: rowKey(), target: "", options: "" }),
  networks: () => ({ key: rowKey(), name: "", aliases: "", ipv4Address: "", ipv6Address: "" }),
  extraHosts: () => ({ key: rowKey(), host: "", ip: "" }),
  ulimits: () => ({ key: rowKey(), name: "", soft: "", hard: "" }),
  devices: () => ({ key: rowKey(), hostPath: "", containerPath: "", permissions: "rwm" }),
  securityOpt: () => ({ key: rowKey(), value: "" }),
  sysctls: () => ({ key: rowKey(), name: "", value: "" }),
  logOptions: () => ({ key: rowKey(), name: "", value: "" }),
  labels: () => ({ key: rowKey(), name: "", value: "" }),
};

/** Form values whose input is named after the spec's field, not the form's. */
const INPUT_OF: Partial<Record<keyof RunForm, string>> = {
  maxRetries: "restartPolicy-maxRetries",
  memoryReservation: "memoryReservationBytes",
  memorySwap: "memorySwapBytes",
  shmSize: "shmSizeBytes",
  stopTimeout: "stopTimeoutSeconds",
  gpuMode: "gpus",
  gpuCount: "gpus-count",
  gpuDevices: "gpus-deviceIds",
  gpuDriver: "gpus-driver",
  gpuCapabilities: "gpus-capabilities",
  healthTest: "healthcheck",
  healthInterval: "healthcheck-intervalSeconds",
  healthTimeout: "healthcheck-timeoutSeconds",
  healthStartPeriod: "healthcheck-startPeriodSeconds",
  healthRetries: "healthcheck-retries",
};

/** Every input and collapsed section an error id may sit in, opened so it shows. */
function revealField(id: string): HTMLElement | null {
  const el =
    document.getElementById(id) ??
    document.querySelector<HTMLElement>(`[data-section="${id.split("-")[0]}"]`);
  for (let up = el?.closest("details"); up; up = up.parentElement?.closest("details")) {
    up.open = true;
  }
  return el;
}

/** Brings an input into view and puts the cursor in it. */
export function focusField(id: string): void {
  const el = revealField(id);
  el?.scrollIntoView({ block: "center", behavior: "smooth" });
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) {
    el.focus({ preventScroll: true });
  }
}

/** The run form's values and field errors, with the edits its sections make. */
export function useRunFormState() {
  const [form, setForm] = useState<RunForm>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});

  const clearErrors = (ids: string[]) =>
    setErrors((e) => {
      if (!ids.some((id) => id in e)) return e;
      const next = { ...e };
      for (const id of ids) delete next[id];
      return next;
    });

  /** Changing a field clears its error. */
  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    clearErrors([INPUT_OF[key] ?? key]);
  };
  /** Changing a row clears the errors of the inputs changed and of its section. */
  const updateRow = <S extends RowSection>(
    section: S,
    index: number,
    patch: Partial<RowSections[S]>,
  ) => {
    setForm((f) => ({
      ...f,
      [section]: (f[section] as RowSections[S][]).map((row, i) =>
        i === index ? { ...row, ...patch } : row,
      ),
    }));
    clearErrors([
      section,
      `${section}-${index}`,
      ...Object.keys(patch).map((k) => `${section}-${index}-${k}`),
    ]);
  };
  const addRow = (section: RowSection) =>
    setForm((f) => ({ ...f, [section]: [...(f[section] as unknown[]), NEW_ROW[section]()] }));
  const removeRow = (section: RowSection, index: number) => {
    setForm((f) => ({ ...f, [section]: (f[section] as unknown[]).filter((_, i) => i !== index) }));
    clearErrors([section]);
  };

  const err = (id: string) => errors[id];

  /** Marks the fields, opens the collapsed sections that hold one and brings the first into view. */
  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    const ids = Object.keys(found);
    if (ids.length === 0) return;
    requestAnimationFrame(() => {
      for (const id of ids) revealField(id);
      focusField(ids[0]!);
    });
  };

  return { form, setForm, errors, setErrors, set, updateRow, addRow, removeRow, err, showErrors };
}

export type RunFormState = ReturnType<typeof useRunFormState>;
