import { RunSpecSchema, type RunSpecInput } from "@/lib/protocol";
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
export type NetworkRow = { key: string; name: string; aliases: string };
export type LabelRow = { key: string; name: string; value: string };
export type RestartName = "no" | "always" | "unless-stopped" | "on-failure";
export type HealthMode = "image" | "cmd" | "shell" | "none";

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
  restartPolicy: RestartName;
  maxRetries: string;
  cpus: string;
  memoryBytes: string;
  pidsLimit: string;
  readOnlyRootfs: boolean;
  privileged: boolean;
  capAdd: string;
  capDrop: string;
  noNewPrivileges: boolean;
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
    restartPolicy: "no",
    maxRetries: "",
    cpus: "",
    memoryBytes: "",
    pidsLimit: "",
    readOnlyRootfs: false,
    privileged: false,
    capAdd: "",
    capDrop: "",
    noNewPrivileges: false,
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
    })),
    restartPolicy: spec.restartPolicy?.name ?? "no",
    maxRetries:
      spec.restartPolicy?.maxRetries !== undefined ? String(spec.restartPolicy.maxRetries) : "",
    cpus: spec.cpus !== undefined ? String(spec.cpus) : "",
    memoryBytes: spec.memoryBytes !== undefined ? formatSize(spec.memoryBytes) : "",
    pidsLimit: spec.pidsLimit !== undefined ? String(spec.pidsLimit) : "",
    readOnlyRootfs: spec.readOnlyRootfs ?? false,
    privileged: spec.privileged ?? false,
    capAdd: (spec.capAdd ?? []).join(", "),
    capDrop: (spec.capDrop ?? []).join(", "),
    noNewPrivileges: spec.noNewPrivileges ?? false,
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

/** A schema or server path ("ports.0.containerPort", ["ports", 0]) as a form field id. */
export function fieldId(path: ReadonlyArray<PropertyKey> | string): string {
  const parts = typeof path === "string" ? path.split(/[.[\]]+/).filter(Boolean) : path;
  return parts.map(String).join("-");
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
} {
  const errors: FieldErrors = {};
  const spec: RunSpecInput = { image: form.image.trim() };
  if (form.name.trim()) spec.name = form.name.trim();
  const command = wordsOrError(form.command, "command", errors);
  if (command) spec.command = command;
  const entrypoint = wordsOrError(form.entrypoint, "entrypoint", errors);
  if (entrypoint) spec.entrypoint = entrypoint;
  if (form.workingDir.trim()) spec.workingDir = form.workingDir.trim();
  if (form.user.trim()) spec.user = form.user.trim();
  if (form.hostname.trim()) spec.hostname = form.hostname.trim();

  // Blank rows are skipped; rowOf maps a spec index back to the form row it came from.
  const rowOf: Record<string, number[]> = {};
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
    (n) => !n.name.trim() && !n.aliases.trim(),
    (n) => ({ name: n.name.trim(), aliases: list(n.aliases) }),
  );

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

  spec.readOnlyRootfs = form.readOnlyRootfs;
  spec.privileged = form.privileged;
  spec.capAdd = list(form.capAdd);
  spec.capDrop = list(form.capDrop);
  spec.noNewPrivileges = form.noNewPrivileges;

  const labels: Record<string, string> = {};
  form.labels.forEach((l, i) => {
    if (!l.name.trim() && !l.value) return;
    if (!l.name.trim()) errors[`labels-${i}-name`] = "Give the label a name.";
    else if (l.name.trim() in labels) errors[`labels-${i}-name`] = "This label is set twice.";
    labels[l.name.trim()] = l.value;
  });
  spec.labels = labels;

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
      if (typeof section === "string" && typeof index === "number" && rowOf[section]) {
        path[1] = rowOf[section]![index] ?? index;
      }
      const id = fieldId(path);
      errors[id || "form"] ??= issue.message;
    }
  }
  return { spec: Object.keys(errors).length === 0 ? spec : null, draft: spec, errors };
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
