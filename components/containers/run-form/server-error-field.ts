import type { PolicyViolation } from "@/lib/protocol/policy";
import { inputIdOf, type FieldErrors, type RowIndex } from "./run-form-model";

/** Ids of inputs (or row sections) that exist on the form, with their names for a summary. */
const FIELD_LABELS: Record<string, string> = {
  host: "Host",
  image: "Image",
  name: "Name",
  command: "Command",
  entrypoint: "Entrypoint",
  workingDir: "Working directory",
  user: "User",
  groupAdd: "Extra groups",
  hostname: "Hostname",
  ports: "Ports",
  publishAll: "Publish all exposed ports",
  env: "Environment",
  volumes: "Named volumes",
  binds: "Bind mounts",
  tmpfs: "tmpfs",
  networks: "Networks",
  networkMode: "Network mode",
  macAddress: "MAC address",
  domainname: "Domain name",
  expose: "Exposed ports",
  dns: "DNS servers",
  dnsSearch: "DNS search domains",
  dnsOptions: "DNS options",
  extraHosts: "Extra hosts",
  restartPolicy: "Restart policy",
  "restartPolicy-maxRetries": "Max retries",
  interactive: "Keep STDIN open (-i)",
  tty: "Pseudo-TTY (-t)",
  init: "Init process",
  stopSignal: "Stop signal",
  stopTimeoutSeconds: "Stop timeout",
  pullPolicy: "Pull policy",
  platform: "Platform",
  repullOnRecreate: "Pull the image again",
  cpus: "CPUs",
  memoryBytes: "Memory limit",
  pidsLimit: "Process limit",
  shmSizeBytes: "Shared memory size",
  cpuShares: "CPU shares",
  cpusetCpus: "CPUs allowed",
  memoryReservationBytes: "Memory reservation",
  memorySwapBytes: "Memory and swap",
  ulimits: "Ulimits",
  cgroupParent: "Cgroup parent",
  readOnlyRootfs: "Read-only root filesystem",
  privileged: "Privileged mode",
  capAdd: "Add capabilities",
  capDrop: "Drop capabilities",
  noNewPrivileges: "No new privileges",
  securityOpt: "Security options",
  sysctls: "Sysctls",
  pidMode: "PID namespace",
  ipcMode: "IPC namespace",
  utsMode: "UTS namespace",
  usernsMode: "User namespace",
  cgroupnsMode: "Cgroup namespace",
  devices: "Devices",
  gpus: "GPUs",
  "gpus-count": "Number of GPUs",
  "gpus-deviceIds": "GPU ids",
  "gpus-driver": "GPU driver",
  "gpus-capabilities": "GPU capabilities",
  logDriver: "Log driver",
  logOptions: "Log options",
  labels: "Labels",
  healthcheck: "Healthcheck command",
  "healthcheck-intervalSeconds": "Healthcheck interval",
  "healthcheck-timeoutSeconds": "Healthcheck timeout",
  "healthcheck-startPeriodSeconds": "Healthcheck start period",
  "healthcheck-retries": "Healthcheck retries",
  autoRemove: "Remove when it exits",
  start: "Start right after creating",
};
const ROW_FIELD =
  /^(ports|env|volumes|binds|tmpfs|networks|extraHosts|ulimits|devices|sysctls|logOptions|labels)-\d+-\w+$|^securityOpt-\d+$/;

/** "binds.0.source" → ["binds", 0, "source"] */
function pathOf(field: string): Array<string | number> {
  return field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The input a server error's field belongs to (or its section), or null when the form has none.
 * `rows` places a spec item's index on its form row (blank rows were not sent).
 */
export function formFieldOf(field: string, rows: RowIndex = {}): string | null {
  const path = pathOf(field);
  const id = inputIdOf(path, rows);
  if (id in FIELD_LABELS || ROW_FIELD.test(id)) return id;
  const section = typeof path[0] === "string" ? path[0] : "";
  return section in FIELD_LABELS ? section : null;
}

/** A field id in words: "Bind mounts, row 2". */
export function fieldLabel(id: string): string {
  const [section = id, row] = id.split("-");
  if (id in FIELD_LABELS) return FIELD_LABELS[id]!;
  const name = FIELD_LABELS[section] ?? section;
  return row !== undefined && /^\d+$/.test(row) ? `${name}, row ${Number(row) + 1}` : name;
}

/** One refused setting as the form shows it: where it is, and why. */
export type PlacedViolation = PolicyViolation & { inputId: string | null };

/**
 * A policy refusal laid onto the form: each violation's rule and message under the input its
 * field points at (several on one input are joined), in the order the server gave them. One
 * with no input on the form is left to the summary (inputId null).
 */
export function violationErrors(
  violations: readonly PolicyViolation[],
  rows: RowIndex = {},
): { errors: FieldErrors; placed: PlacedViolation[] } {
  const errors: FieldErrors = {};
  const placed = violations.map((v) => {
    const inputId = formFieldOf(v.field, rows);
    if (inputId) {
      const text = `${v.rule} — ${v.message}`;
      errors[inputId] = errors[inputId] ? `${errors[inputId]} ${text}` : text;
    }
    return { ...v, inputId };
  });
  return { errors, placed };
}
