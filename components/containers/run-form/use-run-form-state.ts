"use client";

import { useState } from "react";
import {
  emptyForm,
  rowKey,
  type BindRow,
  type EnvRow,
  type FieldErrors,
  type LabelRow,
  type NetworkRow,
  type PortRow,
  type RunForm,
  type TmpfsRow,
  type VolumeRow,
} from "./run-form-model";

type RowSections = {
  ports: PortRow;
  env: EnvRow;
  volumes: VolumeRow;
  binds: BindRow;
  tmpfs: TmpfsRow;
  networks: NetworkRow;
  labels: LabelRow;
};
type Section = keyof RowSections;

const NEW_ROW: { [K in Section]: () => RowSections[K] } = {
  ports: () => ({ key: rowKey(), hostIp: "", hostPort: "", containerPort: "", protocol: "tcp" }),
  env: () => ({ key: rowKey(), name: "", value: "" }),
  volumes: () => ({ key: rowKey(), name: "", target: "", readOnly: false }),
  binds: () => ({ key: rowKey(), source: "", target: "", readOnly: false }),
  tmpfs: () => ({ key: rowKey(), target: "", options: "" }),
  networks: () => ({ key: rowKey(), name: "", aliases: "" }),
  labels: () => ({ key: rowKey(), name: "", value: "" }),
};

/** The run form's values and field errors, with the edits its sections make. */
export function useRunFormState() {
  const [form, setForm] = useState<RunForm>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});

  /** Changing a field clears its error. */
  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const next = { ...e };
      delete next[key as string];
      return next;
    });
  };
  const updateRow = <S extends Section>(
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
  };
  const addRow = (section: Section) =>
    setForm((f) => ({ ...f, [section]: [...(f[section] as unknown[]), NEW_ROW[section]()] }));
  const removeRow = (section: Section, index: number) =>
    setForm((f) => ({ ...f, [section]: (f[section] as unknown[]).filter((_, i) => i !== index) }));

  const err = (id: string) => errors[id];

  /** Marks the fields and brings the first one into view. */
  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      requestAnimationFrame(() => {
        const el =
          document.getElementById(first) ??
          document.querySelector(`[data-section="${first.split("-")[0]}"]`);
        (el as HTMLElement | null)?.scrollIntoView({ block: "center", behavior: "smooth" });
        if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) el.focus();
      });
    }
  };

  return { form, setForm, errors, setErrors, set, updateRow, addRow, removeRow, err, showErrors };
}

export type RunFormState = ReturnType<typeof useRunFormState>;
