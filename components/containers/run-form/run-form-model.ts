import { RunSpecSchema, type RunSpecInput } from "@/lib/protocol";
import { parseExpose } from "@/lib/containers/parse-docker-run";
import { formatDuration, parseDuration } from "@/lib/containers/parse-duration";
import { formatSize, parseSize } from "@/lib/containers/parse-size";
import { joinShellWords, splitShellWords } from "@/lib/containers/shell-words";

/**
 * The run form as the user types it (all text), and the conversions to and from a RunSpec.
 * Field ids follow the spec's paths ("image", "ports-0-containerPort") so an error from the
 * schema or from the server (error.field) lands next to the input it is about.
 */

let nextKey = 0;
export function rowKey(): string {
  nextKey += 1;
  return `r${nextKey}`;
}

export type PortRow = {
  key: string;
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: "tcp" | "udp" | "sctp";
};
export type EnvRow = { key: string; name: string; value: string };
export type VolumeRow = { key: string; name: string; target: string; readOnly: boolean };
export type BindRow = { key: string; source: string; target: string; readOnly: boolean };
export type TmpfsRow = { key: string; target: string; options: string };
export type NetworkRow = {
  key: string;
  name: string;
  aliases: string;
  /** Static addresses; a row made without them has none. */
  ipv4Address?: string;
  ipv6Address?: string;
};
export type LabelRow = { key: string; name: string; value: string };
/** A name=value row of a map (sysctls, log options). */
export type PairRow = { key: string; name: string; value: string };
export type ExtraHostRow = { key: string; host: string; ip: string };
export type UlimitRow = { key: string; name: string; soft: string; hard: string };
export type DeviceRow = {
  key: string;
  hostPath: string;
  containerPath: string;
  permissions: string;
};
export type SecurityOptRow = { key: string; value: string };
export type RestartName = "no" | "always" | "unless-stopped" | "on-failure";
export type HealthMode = "image" | "cmd" | "shell" | "none";
/** No GPUs, all of them, a number of them, or the ones named. */
export type GpuMode = "none" | "all" | "count" | "devices";
/** `--init` given as on or off, or left to the engine. */
export type InitChoice = "default" | "on" | "off";
export type PullPolicy = "always" | "missing" | "never";

export type RunForm = {
  image: string;
  name: string;
  command: string;
  entrypoint: string;
  workingDir: string;
  user: string;
  hostname: string;
  ports: PortRow[];
  publishAll: boolean;
  env: EnvRow[];
  volumes: VolumeRow[];
  binds: BindRow[];
  tmpfs: TmpfsRow[];
  networks: NetworkRow[];
  /** "" (own networks), host, none or container:<name>. */
  networkMode: string;
  macAddress: string;
  /** Lists typed as "a, b c". */
  dns: string;
  dnsSearch: string;
  dnsOptions: string;
  extraHosts: ExtraHostRow[];
  /** "80, 53/udp, 8000-8002" */
  expose: string;
  domainname: string;
  /** "" (the engine's default), or the mode as `docker run` writes it. */
  pidMode: string;
  ipcMode: string;
  utsMode: string;
  usernsMode: string;
  cgroupnsMode: string;
  restartPolicy: RestartName;
  maxRetries: string;
  cpus: string;
  memoryBytes: string;
  pidsLimit: string;
  cpuShares: string;
  cpusetCpus: string;
  memoryReservation: string;
  /** A size, or -1 for unlimited swap. */
  memorySwap: string;
  shmSize: string;
  ulimits: UlimitRow[];
  readOnlyRootfs: boolean;
  privileged: boolean;
  capAdd: string;
  capDrop: string;
  noNewPrivileges: boolean;
  securityOpt: SecurityOptRow[];
  devices: DeviceRow[];
  gpuMode: GpuMode;
  gpuCount: string;
  /** GPU ids or UUIDs, "0, 1" */
  gpuDevices: string;
  gpuDriver: string;
  /** Beyond "gpu", which docker always asks for: "compute, utility" */
  gpuCapabilities: string;
  sysctls: PairRow[];
  cgroupParent: string;
  groupAdd: string;
  init: InitChoice;
  stopSignal: string;
  /** Seconds */
  stopTimeout: string;
  logDriver: string;
  logOptions: PairRow[];
  interactive: boolean;
  tty: boolean;
  platform: string;
  pullPolicy: PullPolicy;
  repullOnRecreate: boolean;
  labels: LabelRow[];
  healthMode: HealthMode;
  healthTest: string;
  healthInterval: string;
  healthTimeout: string;
  healthStartPeriod: string;
  healthRetries: string;
  autoRemove: boolean;
  start: boolean;
};

export function emptyForm(): RunForm {
  return {
    image: "",
    name: "",
    command: "",
    entrypoint: "",
    workingDir: "",
    user: "",
    hostname: "",
    ports: [],
    publishAll: false,
    env: [],
    volumes: [],
    binds: [],
    tmpfs: [],
    networks: [],
    networkMode: "",
    macAddress: "",
    dns: "",
    dnsSearch: "",
    dnsOptions: "",
    extraHosts: [],
    expose: "",
    domainname: "",
    pidMode: "",
    ipcMode: "",
    utsMode: "",
    usernsMode: "",
    cgroupnsMode: "",
    restartPolicy: "no",
    maxRetries: "",
    cpus: "",
    memoryBytes: "",
    pidsLimit: "",
    cpuShares: "",
    cpusetCpus: "",
    memoryReservation: "",
    memorySwap: "",
    shmSize: "",
    ulimits: [],
    readOnlyRootfs: false,
    privileged: false,
    capAdd: "",
    capDrop: "",
    noNewPrivileges: false,
    securityOpt: [],
    devices: [],
    gpuMode: "none",
    gpuCount: "",
    gpuDevices: "",
    gpuDriver: "",
    gpuCapabilities: "",
    sysctls: [],
    cgroupParent: "",
    groupAdd: "",
    init: "default",
    stopSignal: "",
    stopTimeout: "",
    logDriver: "",
    logOptions: [],
    interactive: false,
    tty: false,
    platform: "",
    pullPolicy: "missing",
    repullOnRecreate: false,
    labels: [],
    healthMode: "image",
    healthTest: "",
    healthInterval: "",
    healthTimeout: "",
    healthStartPeriod: "",
    healthRetries: "",
    autoRemove: false,
    start: true,
  };
}

/** "a, b c" → ["a", "b", "c"] */
function list(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const pairRows = (record: Record<string, string> | undefined): PairRow[] =>
  Object.entries(record ?? {}).map(([name, value]) => ({ key: rowKey(), name, value }));

const sizeText = (bytes: number | undefined) => (bytes !== undefined ? formatSize(bytes) : "");

/** `80`, `53/udp`: tcp is left unsaid. */
const exposeText = (expose: RunSpecInput["expose"]) =>
  (expose ?? [])
    .map((e) => (e.protocol && e.protocol !== "tcp" ? `${e.port}/${e.protocol}` : `${e.port}`))
    .join(", ");

function gpuFields(
  gpus: RunSpecInput["gpus"],
): Pick<RunForm, "gpuMode" | "gpuCount" | "gpuDevices" | "gpuDriver" | "gpuCapabilities"> {
  const mode: GpuMode = !gpus
    ? "none"
    : (gpus.deviceIds ?? []).length > 0
      ? "devices"
      : gpus.count === "all"
        ? "all"
        : "count";
  return {
    gpuMode: mode,
    gpuCount: mode === "count" ? String(gpus?.count ?? 1) : "",
    gpuDevices: (gpus?.deviceIds ?? []).join(", "),
    gpuDriver: gpus?.driver ?? "",
    gpuCapabilities: (gpus?.capabilities ?? []).filter((c) => c !== "gpu").join(", "),
  };
}

/** Fills the form from a spec (pasted line, duplicate, edit). */
export function formFromSpec(spec: RunSpecInput): RunForm {
  const form = emptyForm();
  const health = spec.healthcheck;
  let healthMode: HealthMode = "image";
  let healthTest = "";
  if (health) {
    const [kind, ...rest] = health.test;
    if (kind === "NONE") healthMode = "none";
    else if (kind === "CMD-SHELL") {
      healthMode = "shell";
      healthTest = rest.join(" ");
    } else if (kind === "CMD") {
      healthMode = "cmd";
      healthTest = joinShellWords(rest);
    } else {
      healthMode = "cmd";
      healthTest = joinShellWords(health.test);
    }
  }
  return {
    ...form,
    image: spec.image ?? "",
    name: spec.name?.replace(/^\//, "") ?? "",
    command: spec.command ? joinShellWords(spec.command) : "",
    entrypoint: spec.entrypoint ? joinShellWords(spec.entrypoint) : "",
    workingDir: spec.workingDir ?? "",
    user: spec.user ?? "",
    hostname: spec.hostname ?? "",
    ports: (spec.ports ?? []).map((p) => ({
      key: rowKey(),
      hostIp: p.hostIp ?? "",
      hostPort: p.hostPort !== undefined ? String(p.hostPort) : "",
      containerPort: String(p.containerPort),
      protocol: p.protocol ?? "tcp",
    })),
    publishAll: spec.publishAll ?? false,
    env: (spec.env ?? []).map((e) => ({ key: rowKey(), name: e.key, value: e.value })),
    volumes: (spec.volumes ?? []).map((v) => ({
      key: rowKey(),
      name: v.name,
      target: v.target,
      readOnly: v.readOnly ?? false,
    })),
    binds: (spec.binds ?? []).map((b) => ({
      key: rowKey(),
      source: b.source,
      target: b.target,
      readOnly: b.readOnly ?? false,
    })),
    tmpfs: (spec.tmpfs ?? []).map((t) => ({
      key: rowKey(),
      target: t.target,
      options: t.options ?? "",
    })),
    networks: (spec.networks ?? []).map((n) => ({
      key: rowKey(),
      name: n.name,
      aliases: (n.aliases ?? []).join(", "),
      ipv4Address: n.ipv4Address ?? "",
      ipv6Address: n.ipv6Address ?? "",
    })),
    networkMode: spec.networkMode ?? "",
    macAddress: spec.macAddress ?? "",
    dns: (spec.dns ?? []).join(", "),
    dnsSearch: (spec.dnsSearch ?? []).join(", "),
    dnsOptions: (spec.dnsOptions ?? []).join(", "),
    extraHosts: (spec.extraHosts ?? []).map((h) => ({ key: rowKey(), host: h.host, ip: h.ip })),
    expose: exposeText(spec.expose),
    domainname: spec.domainname ?? "",
    pidMode: spec.pidMode ?? "",
    ipcMode: spec.ipcMode ?? "",
    utsMode: spec.utsMode ?? "",
    usernsMode: spec.usernsMode ?? "",
    cgroupnsMode: spec.cgroupnsMode ?? "",
    restartPolicy: spec.restartPolicy?.name ?? "no",
    maxRetries:
      spec.restartPolicy?.maxRetries !== undefined ? String(spec.restartPolicy.maxRetries) : "",
    cpus: spec.cpus !== undefined ? String(spec.cpus) : "",
    memoryBytes: spec.memoryBytes !== undefined ? formatSize(spec.memoryBytes) : "",
    pidsLimit: spec.pidsLimit !== undefined ? String(spec.pidsLimit) : "",
    cpuShares: spec.cpuShares !== undefined ? String(spec.cpuShares) : "",
    cpusetCpus: spec.cpusetCpus ?? "",
    memoryReservation: sizeText(spec.memoryReservationBytes),
    memorySwap: spec.memorySwapBytes === -1 ? "-1" : sizeText(spec.memorySwapBytes),
    shmSize: sizeText(spec.shmSizeBytes),
    ulimits: (spec.ulimits ?? []).map((u) => ({
      key: rowKey(),
      name: u.name,
      soft: String(u.soft),
      hard: String(u.hard),
    })),
    readOnlyRootfs: spec.readOnlyRootfs ?? false,
    privileged: spec.privileged ?? false,
    capAdd: (spec.capAdd ?? []).join(", "),
    capDrop: (spec.capDrop ?? []).join(", "),
    noNewPrivileges: spec.noNewPrivileges ?? false,
    securityOpt: (spec.securityOpt ?? []).map((value) => ({ key: rowKey(), value })),
    devices: (spec.devices ?? []).map((d) => ({
      key: rowKey(),
      hostPath: d.hostPath,
      containerPath: d.containerPath ?? "",
      permissions: d.permissions ?? "rwm",
    })),
    ...gpuFields(spec.gpus),
    sysctls: pairRows(spec.sysctls),
    cgroupParent: spec.cgroupParent ?? "",
    groupAdd: (spec.groupAdd ?? []).join(", "),
    init: spec.init === undefined ? "default" : spec.init ? "on" : "off",
    stopSignal: spec.stopSignal ?? "",
    stopTimeout: spec.stopTimeoutSeconds !== undefined ? String(spec.stopTimeoutSeconds) : "",
    logDriver: spec.logDriver ?? "",
    logOptions: pairRows(spec.logOptions),
    interactive: spec.interactive ?? false,
    tty: spec.tty ?? false,
    platform: spec.platform ?? "",
    pullPolicy: spec.pullPolicy ?? "missing",
    repullOnRecreate: spec.repullOnRecreate ?? false,
    labels: Object.entries(spec.labels ?? {}).map(([name, value]) => ({
      key: rowKey(),
      name,
      value,
    })),
    healthMode,
    healthTest,
    healthInterval:
      health?.intervalSeconds !== undefined ? formatDuration(health.intervalSeconds) : "",
    healthTimeout:
      health?.timeoutSeconds !== undefined ? formatDuration(health.timeoutSeconds) : "",
    healthStartPeriod:
      health?.startPeriodSeconds !== undefined ? formatDuration(health.startPeriodSeconds) : "",
    healthRetries: health?.retries !== undefined ? String(health.retries) : "",
    autoRemove: spec.autoRemove ?? false,
    start: spec.start ?? true,
  };
}

export type FieldErrors = Record<string, string>;

/** For each row section, the form row each spec item came from (blank rows are not sent). */
export type RowIndex = Record<string, number[]>;

/** A schema or server path ("ports.0.containerPort", ["ports", 0]) as a form field id. */
export function fieldId(path: ReadonlyArray<PropertyKey> | string): string {
  const parts = typeof path === "string" ? path.split(/[.[\]]+/).filter(Boolean) : path;
  return parts.map(String).join("-");
}

/** Sections shown as rows of inputs: a path into one names a row (and the row's input). */
const ROW_SECTIONS = new Set([
  "ports",
  "env",
  "volumes",
  "binds",
  "tmpfs",
  "networks",
  "extraHosts",
  "ulimits",
  "devices",
  "securityOpt",
  "sysctls",
  "logOptions",
  "labels",
]);

/**
 * The id of the input a spec path is about: a row's input by its form row ("binds.0.source" is
 * "binds-2-source" when two blank rows came first), and a whole list typed into one input
 * ("dns.1", "gpus.deviceIds.0") is that input.
 */
export function inputIdOf(path: ReadonlyArray<PropertyKey>, rows: RowIndex = {}): string {
  const [section, index, field] = path;
  if (typeof section !== "string") return "";
  if (ROW_SECTIONS.has(section) && typeof index === "number") {
    const row = rows[section]?.[index] ?? index;
    return typeof field === "string" ? `${section}-${row}-${field}` : `${section}-${row}`;
  }
  if (section === "healthcheck" && index === "test") return "healthcheck";
  const end = path.findIndex((part) => typeof part !== "string");
  return fieldId(end < 0 ? path : path.slice(0, end));
}

function intOrError(
  text: string,
  id: string,
  errors: FieldErrors,
  what: string,
): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (!/^\d+$/.test(t)) {
    errors[id] = `${what} must be a whole number.`;
    return undefined;
  }
  return Number(t);
}

/** A size field (512m, 1g); -1 too where `unlimited` allows it. */
function sizeOrError(
  text: string,
  id: string,
  errors: FieldErrors,
  unlimited = false,
): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (unlimited && t === "-1") return -1;
  const bytes = parseSize(t);
  if (bytes === null) {
    errors[id] = `Use a size like 64m, 1g or 268435456${unlimited ? ", or -1 for no limit" : ""}.`;
    return undefined;
  }
  return bytes;
}

/** One of `allowed`, or nothing when empty. */
function choiceOrError<T extends string>(
  text: string,
  allowed: readonly T[],
  id: string,
  errors: FieldErrors,
): T | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if ((allowed as readonly string[]).includes(t)) return t as T;
  errors[id] = `Use ${allowed.join(" or ")}, or leave it empty.`;
  return undefined;
}

function durationOrError(text: string, id: string, errors: FieldErrors): number | undefined {
  if (text.trim() === "") return undefined;
  const seconds = parseDuration(text, { bareSeconds: true });
  if (seconds === null) {
    errors[id] = "Use a duration like 30s, 1m30s or 500ms.";
    return undefined;
  }
  return seconds;
}

function wordsOrError(text: string, id: string, errors: FieldErrors): string[] | undefined {
  if (text.trim() === "") return undefined;
  const split = splitShellWords(text);
  if (split.errors.length > 0) {
    errors[id] = split.errors.join(" ");
    return undefined;
  }
  if (split.stoppedAt) {
    errors[id] =
      `Shell operators like ${split.stoppedAt} are not run; wrap the command in sh -c '…'.`;
    return undefined;
  }
  return split.words;
}

/**
 * Reads the form into a spec and checks it with the same schema the server uses.
 * Returns the spec only when there are no errors.
 */
export function specFromForm(form: RunForm): {
  spec: RunSpecInput | null;
  /** What could be read, errors or not (for "Copy as docker run"). */
  draft: RunSpecInput;
  errors: FieldErrors;
  /** Where the spec's row items sit in the form, for errors the server sends back. */
  rows: RowIndex;
} {
  const errors: FieldErrors = {};
  const spec: RunSpecInput = { image: form.image.trim() };
  const pairSections: Record<string, ReadonlyArray<{ name: string }>> = {
    labels: form.labels,
    sysctls: form.sysctls,
    logOptions: form.logOptions,
  };
  if (form.name.trim()) spec.name = form.name.trim();
  const command = wordsOrError(form.command, "command", errors);
  if (command) spec.command = command;
  const entrypoint = wordsOrError(form.entrypoint, "entrypoint", errors);
  if (entrypoint) spec.entrypoint = entrypoint;
  if (form.workingDir.trim()) spec.workingDir = form.workingDir.trim();
  if (form.user.trim()) spec.user = form.user.trim();
  if (form.hostname.trim()) spec.hostname = form.hostname.trim();

  // Blank rows are skipped; rowOf maps a spec index back to the form row it came from.
  const rowOf: RowIndex = {};
  const keep = <T, U>(
    section: string,
    rows: T[],
    blank: (row: T) => boolean,
    map: (row: T, i: number) => U,
  ) => {
    const out: U[] = [];
    rowOf[section] = [];
    rows.forEach((row, i) => {
      if (blank(row)) return;
      rowOf[section]!.push(i);
      out.push(map(row, i));
    });
    return out;
  };

  spec.ports = keep(
    "ports",
    form.ports,
    (p) => !p.hostIp.trim() && !p.hostPort.trim() && !p.containerPort.trim(),
    (p, i) => {
      const containerPort = intOrError(
        p.containerPort,
        `ports-${i}-containerPort`,
        errors,
        "A port",
      );
      const hostPort = intOrError(p.hostPort, `ports-${i}-hostPort`, errors, "A port");
      if (containerPort === undefined && !errors[`ports-${i}-containerPort`]) {
        errors[`ports-${i}-containerPort`] = "Give the port inside the container.";
      }
      return {
        ...(p.hostIp.trim() ? { hostIp: p.hostIp.trim() } : {}),
        ...(hostPort !== undefined ? { hostPort } : {}),
        containerPort: containerPort ?? 1,
        protocol: p.protocol,
      };
    },
  );
  spec.publishAll = form.publishAll;

  spec.env = keep(
    "env",
    form.env,
    (e) => !e.name.trim() && !e.value,
    (e) => ({ key: e.name.trim(), value: e.value }),
  );
  spec.volumes = keep(
    "volumes",
    form.volumes,
    (v) => !v.name.trim() && !v.target.trim(),
    (v) => ({ name: v.name.trim(), target: v.target.trim(), readOnly: v.readOnly }),
  );
  spec.binds = keep(
    "binds",
    form.binds,
    (b) => !b.source.trim() && !b.target.trim(),
    (b) => ({ source: b.source.trim(), target: b.target.trim(), readOnly: b.readOnly }),
  );
  spec.tmpfs = keep(
    "tmpfs",
    form.tmpfs,
    (t) => !t.target.trim() && !t.options.trim(),
    (t) => ({
      target: t.target.trim(),
      ...(t.options.trim() ? { options: t.options.trim() } : {}),
    }),
  );
  spec.networks = keep(
    "networks",
    form.networks,
    (n) => !n.name.trim() && !n.aliases.trim() && !n.ipv4Address?.trim() && !n.ipv6Address?.trim(),
    (n) => ({
      name: n.name.trim(),
      aliases: list(n.aliases),
      ...(n.ipv4Address?.trim() ? { ipv4Address: n.ipv4Address.trim() } : {}),
      ...(n.ipv6Address?.trim() ? { ipv6Address: n.ipv6Address.trim() } : {}),
    }),
  );
  if (form.networkMode.trim()) spec.networkMode = form.networkMode.trim();
  if (form.macAddress.trim()) spec.macAddress = form.macAddress.trim();
  spec.dns = list(form.dns);
  spec.dnsSearch = list(form.dnsSearch);
  spec.dnsOptions = list(form.dnsOptions);
  spec.extraHosts = keep(
    "extraHosts",
    form.extraHosts,
    (h) => !h.host.trim() && !h.ip.trim(),
    (h) => ({ host: h.host.trim(), ip: h.ip.trim() }),
  );
  spec.expose = [];
  for (const item of list(form.expose)) {
    const { expose, error } = parseExpose(item);
    if (error) errors.expose ??= `${item}: ${error}`;
    for (const e of expose)
      if (!spec.expose.some((x) => x.port === e.port && x.protocol === e.protocol))
        spec.expose.push(e);
  }
  if (form.domainname.trim()) spec.domainname = form.domainname.trim();
  if (form.pidMode.trim()) spec.pidMode = form.pidMode.trim();
  if (form.ipcMode.trim()) spec.ipcMode = form.ipcMode.trim();
  const utsMode = choiceOrError(form.utsMode, ["host"], "utsMode", errors);
  if (utsMode) spec.utsMode = utsMode;
  const usernsMode = choiceOrError(form.usernsMode, ["host"], "usernsMode", errors);
  if (usernsMode) spec.usernsMode = usernsMode;
  const cgroupnsMode = choiceOrError(
    form.cgroupnsMode,
    ["host", "private"],
    "cgroupnsMode",
    errors,
  );
  if (cgroupnsMode) spec.cgroupnsMode = cgroupnsMode;

  const maxRetries =
    form.restartPolicy === "on-failure"
      ? intOrError(form.maxRetries, "restartPolicy-maxRetries", errors, "Retries")
      : undefined;
  spec.restartPolicy = {
    name: form.restartPolicy,
    ...(maxRetries !== undefined ? { maxRetries } : {}),
  };

  if (form.cpus.trim()) {
    const cpus = Number(form.cpus.trim());
    if (!Number.isFinite(cpus)) errors.cpus = "Give a number of CPUs, e.g. 0.5 or 2.";
    else spec.cpus = cpus;
  }
  if (form.memoryBytes.trim()) {
    const bytes = parseSize(form.memoryBytes);
    if (bytes === null) errors.memoryBytes = "Use a size like 512m, 1g or 268435456.";
    else spec.memoryBytes = bytes;
  }
  const pids = intOrError(form.pidsLimit, "pidsLimit", errors, "The process limit");
  if (pids !== undefined) spec.pidsLimit = pids;
  const cpuShares = intOrError(form.cpuShares, "cpuShares", errors, "CPU shares");
  if (cpuShares !== undefined) spec.cpuShares = cpuShares;
  if (form.cpusetCpus.trim()) spec.cpusetCpus = form.cpusetCpus.trim();
  const reservation = sizeOrError(form.memoryReservation, "memoryReservationBytes", errors);
  if (reservation !== undefined) spec.memoryReservationBytes = reservation;
  const swap = sizeOrError(form.memorySwap, "memorySwapBytes", errors, true);
  if (swap !== undefined) spec.memorySwapBytes = swap;
  const shm = sizeOrError(form.shmSize, "shmSizeBytes", errors);
  if (shm !== undefined) spec.shmSizeBytes = shm;
  spec.ulimits = keep(
    "ulimits",
    form.ulimits,
    (u) => !u.name.trim() && !u.soft.trim() && !u.hard.trim(),
    (u, i) => {
      const limit = (text: string, id: string) => {
        if (!/^-?\d+$/.test(text.trim())) {
          errors[id] = "Give a whole number (-1 for unlimited).";
          return 0;
        }
        return Number(text.trim());
      };
      const soft = limit(u.soft, `ulimits-${i}-soft`);
      const hard = u.hard.trim() ? limit(u.hard, `ulimits-${i}-hard`) : soft;
      if (soft > hard)
        errors[`ulimits-${i}-soft`] ??= "The soft limit cannot be above the hard one.";
      return { name: u.name.trim(), soft, hard };
    },
  );

  spec.readOnlyRootfs = form.readOnlyRootfs;
  spec.privileged = form.privileged;
  spec.capAdd = list(form.capAdd);
  spec.capDrop = list(form.capDrop);
  spec.noNewPrivileges = form.noNewPrivileges;
  spec.securityOpt = keep(
    "securityOpt",
    form.securityOpt,
    (o) => !o.value.trim(),
    (o) => o.value.trim(),
  );
  spec.devices = keep(
    "devices",
    form.devices,
    (d) => !d.hostPath.trim() && !d.containerPath.trim(),
    (d) => ({
      hostPath: d.hostPath.trim(),
      ...(d.containerPath.trim() ? { containerPath: d.containerPath.trim() } : {}),
      permissions: d.permissions.trim() || "rwm",
    }),
  );
  if (form.gpuMode !== "none") {
    const gpus: NonNullable<RunSpecInput["gpus"]> = {};
    if (form.gpuMode === "all") gpus.count = "all";
    else if (form.gpuMode === "count")
      gpus.count = intOrError(form.gpuCount, "gpus-count", errors, "The number of GPUs") ?? 1;
    else {
      gpus.deviceIds = list(form.gpuDevices);
      if (gpus.deviceIds.length === 0) errors["gpus-deviceIds"] = "Name the GPUs, e.g. 0, 1.";
    }
    if (form.gpuDriver.trim()) gpus.driver = form.gpuDriver.trim();
    const capabilities = list(form.gpuCapabilities).filter((c) => c !== "gpu");
    if (capabilities.length > 0) gpus.capabilities = [...capabilities, "gpu"];
    spec.gpus = gpus;
  }
  spec.sysctls = recordOf("sysctls", form.sysctls, "sysctl", errors);
  if (form.cgroupParent.trim()) spec.cgroupParent = form.cgroupParent.trim();
  spec.groupAdd = list(form.groupAdd);
  if (form.init !== "default") spec.init = form.init === "on";
  if (form.stopSignal.trim()) spec.stopSignal = form.stopSignal.trim();
  const stopTimeout = intOrError(
    form.stopTimeout,
    "stopTimeoutSeconds",
    errors,
    "The stop timeout",
  );
  if (stopTimeout !== undefined) spec.stopTimeoutSeconds = stopTimeout;
  if (form.logDriver.trim()) spec.logDriver = form.logDriver.trim();
  spec.logOptions = recordOf("logOptions", form.logOptions, "log option", errors);
  spec.interactive = form.interactive;
  spec.tty = form.tty;
  if (form.platform.trim()) spec.platform = form.platform.trim();
  spec.pullPolicy = form.pullPolicy;
  spec.repullOnRecreate = form.repullOnRecreate;

  spec.labels = recordOf("labels", form.labels, "label", errors);

  if (form.healthMode === "none") {
    spec.healthcheck = { test: ["NONE"] };
  } else if (form.healthMode === "cmd" || form.healthMode === "shell") {
    let test: string[] | undefined;
    if (!form.healthTest.trim()) errors.healthcheck = "Give the command that checks health.";
    else if (form.healthMode === "shell") test = ["CMD-SHELL", form.healthTest.trim()];
    else {
      const words = wordsOrError(form.healthTest, "healthcheck", errors);
      if (words) test = ["CMD", ...words];
    }
    const interval = durationOrError(form.healthInterval, "healthcheck-intervalSeconds", errors);
    const timeout = durationOrError(form.healthTimeout, "healthcheck-timeoutSeconds", errors);
    const startPeriod = durationOrError(
      form.healthStartPeriod,
      "healthcheck-startPeriodSeconds",
      errors,
    );
    const retries = intOrError(form.healthRetries, "healthcheck-retries", errors, "Retries");
    if (test) {
      spec.healthcheck = {
        test,
        ...(interval ? { intervalSeconds: interval } : {}),
        ...(timeout ? { timeoutSeconds: timeout } : {}),
        ...(startPeriod !== undefined ? { startPeriodSeconds: startPeriod } : {}),
        ...(retries !== undefined ? { retries } : {}),
      };
    }
  }
  spec.autoRemove = form.autoRemove;
  spec.start = form.start;

  const parsed = RunSpecSchema.safeParse(spec);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = [...issue.path];
      const [section, index] = path;
      // A map's entry (sysctls.net.x) is the form row with that name.
      const rows = typeof section === "string" ? pairSections[section] : undefined;
      if (rows && typeof index === "string") {
        const at = rows.findIndex((r) => r.name.trim() === index);
        if (at >= 0) path.splice(1, path.length - 1, at, "name");
      }
      const id = inputIdOf(path, rowOf);
      // A bad map key (a sysctl's name) carries the key's own message inside.
      const message =
        issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
      errors[id || "form"] ??= message;
    }
  }
  return {
    spec: Object.keys(errors).length === 0 ? spec : null,
    draft: spec,
    errors,
    rows: rowOf,
  };
}

/** name=value rows as a map, with errors for rows without a name or a name given twice. */
function recordOf(
  section: string,
  rows: ReadonlyArray<{ name: string; value: string }>,
  what: string,
  errors: FieldErrors,
): Record<string, string> {
  const out: Record<string, string> = {};
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (!name && !row.value) return;
    if (!name) errors[`${section}-${i}-name`] = `Give the ${what} a name.`;
    else if (name in out) errors[`${section}-${i}-name`] = `This ${what} is set twice.`;
    out[name] = row.value;
  });
  return out;
}

/** KEY=VALUE lines as a .env file has them; # comments and blank lines are skipped. */
export function parseDotEnv(text: string): {
  rows: { name: string; value: string }[];
  errors: string[];
} {
  const rows: { name: string; value: string }[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const body = line.startsWith("export ") ? line.slice(7).trim() : line;
    const at = body.indexOf("=");
    if (at <= 0) {
      errors.push(`Line ${index + 1}: expected KEY=VALUE, got “${line.slice(0, 60)}”.`);
      return;
    }
    const name = body.slice(0, at).trim();
    let value = body.slice(at + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
    } else {
      // An unquoted value ends at an inline comment.
      const comment = value.search(/\s#/);
      if (comment >= 0) value = value.slice(0, comment).trim();
    }
    rows.push({ name, value });
  });
  return { rows, errors };
}

/** Merges parsed .env rows into the form's rows: same names are overwritten, new ones appended. */
export function mergeEnv(current: EnvRow[], incoming: { name: string; value: string }[]): EnvRow[] {
  const out = current.filter((e) => e.name.trim() || e.value).map((e) => ({ ...e }));
  for (const row of incoming) {
    const existing = out.find((e) => e.name === row.name);
    if (existing) existing.value = row.value;
    else out.push({ key: rowKey(), name: row.name, value: row.value });
  }
  return out;
}
