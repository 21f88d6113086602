import type { z } from "zod";
import { NetworkSpecSchema, type NetworkDriver, type NetworkSpecInput } from "@/lib/protocol";

export type PoolRow = { key: number; subnet: string; gateway: string; ipRange: string };

/** The create form as typed: text everywhere, so nothing typed is lost while it is not valid yet. */
export type NetworkForm = {
  name: string;
  driver: NetworkDriver;
  parent: string;
  ipvlanMode: "l2" | "l3";
  pools: PoolRow[];
  enableIPv6: boolean;
  internal: boolean;
  attachable: boolean;
  /** name=value, one a line */
  labels: string;
  options: string;
};

let nextKey = 1;
export const emptyPool = (): PoolRow => ({ key: nextKey++, subnet: "", gateway: "", ipRange: "" });

export const EMPTY_NETWORK_FORM: NetworkForm = {
  name: "",
  driver: "bridge",
  parent: "",
  ipvlanMode: "l2",
  pools: [emptyPool()],
  enableIPv6: false,
  internal: false,
  attachable: false,
  labels: "",
  options: "",
};

export type FieldErrors = Record<string, string>;

const INPUTS =
  /^(host|name|driver|parent|ipvlanMode|enableIPv6|internal|attachable|labels|options|ipam)$|^ipam-\d+-(subnet|gateway|ipRange)$/;

/** True when the form has an input (or a section) of this id to show an error under. */
export function isFormInput(id: string): boolean {
  return INPUTS.test(id);
}

/** "a=1\nb=2" → { a: "1", b: "2" }; a line without "=" is reported with its number. */
function pairs(text: string, what: string): { values: Record<string, string>; error?: string } {
  const values: Record<string, string> = {};
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) return { values, error: `Line ${i + 1}: write each ${what} as name=value.` };
    values[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { values };
}

/**
 * The spec the form describes, and where each row of the spec came from (blank pool rows are not
 * sent, so spec pool 0 may be form row 1).
 */
export function specFromNetworkForm(form: NetworkForm): {
  spec: NetworkSpecInput;
  poolRows: number[];
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  const labels = pairs(form.labels, "label");
  if (labels.error) errors.labels = labels.error;
  const options = pairs(form.options, "option");
  if (options.error) errors.options = options.error;
  const poolRows: number[] = [];
  const ipam = form.pools.flatMap((pool, row) => {
    if (!pool.subnet.trim() && !pool.gateway.trim() && !pool.ipRange.trim()) return [];
    poolRows.push(row);
    return [
      {
        subnet: pool.subnet.trim(),
        ...(pool.gateway.trim() ? { gateway: pool.gateway.trim() } : {}),
        ...(pool.ipRange.trim() ? { ipRange: pool.ipRange.trim() } : {}),
      },
    ];
  });
  const lan = form.driver !== "bridge";
  const spec: NetworkSpecInput = {
    name: form.name.trim(),
    driver: form.driver,
    ...(lan && form.parent.trim() ? { parent: form.parent.trim() } : {}),
    ...(form.driver === "ipvlan" ? { ipvlanMode: form.ipvlanMode } : {}),
    ipam,
    enableIPv6: form.enableIPv6,
    internal: form.internal,
    attachable: form.attachable,
    labels: labels.values,
    options: options.values,
  };
  return { spec, poolRows, errors };
}

/**
 * The form input a spec field is about ("ipam.1.gateway" → "ipam-<its form row>-gateway"), or its
 * section ("ipam", "labels") when the field is one the form has no input of its own for.
 */
export function inputOf(field: string | Array<PropertyKey>, poolRows: readonly number[]): string {
  const path = typeof field === "string" ? field.split(".") : field.map(String);
  const [section = "", index, leaf] = path;
  if (section === "ipam" && index !== undefined && /^\d+$/.test(index)) {
    const row = poolRows[Number(index)] ?? Number(index);
    return leaf ? `ipam-${row}-${leaf}` : "ipam";
  }
  return section;
}

/** Every problem the schema finds, each under its input, before anything is sent. */
export function validateNetworkForm(form: NetworkForm): {
  spec: z.infer<typeof NetworkSpecSchema> | null;
  errors: FieldErrors;
  poolRows: number[];
} {
  const { spec, poolRows, errors } = specFromNetworkForm(form);
  const parsed = NetworkSpecSchema.safeParse(spec);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const id = inputOf(issue.path, poolRows);
      errors[id] ??= issue.message;
    }
  }
  if (form.driver !== "bridge" && !form.parent.trim()) {
    errors.parent ??= "Pick the host interface the network sits on.";
  }
  const ok = parsed.success && Object.keys(errors).length === 0;
  return { spec: ok ? parsed.data : null, errors, poolRows };
}
