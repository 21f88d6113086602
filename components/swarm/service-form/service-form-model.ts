import type { ServiceSpecInput } from "@/lib/protocol";
import type { PolicyViolation } from "@/lib/protocol/policy";

export type MountRow = {
  key: number;
  type: "volume" | "bind" | "tmpfs";
  /** Volume name or host path; unused for tmpfs. */
  source: string;
  target: string;
  readOnly: boolean;
  /** tmpfs only: its size in MiB, empty for the engine's default. */
  sizeMb: string;
};

export type ConfigRow = { key: number; name: string; target: string; value: string };

export type ServiceFormState = {
  name: string;
  image: string;
  mode: "replicated" | "global";
  replicas: string;
  command: string;
  constraints: string;
  ports: string;
  env: string;
  secrets: string;
  capAdd: string;
  limitCpus: string;
  limitMemoryMb: string;
  reserveCpus: string;
  reserveMemoryMb: string;
  restartCondition: "any" | "on-failure" | "none";
  restartDelay: string;
  restartMaxAttempts: string;
  restartWindow: string;
  parallelism: string;
  updateDelay: string;
  failureAction: "pause" | "rollback" | "continue";
  order: "stop-first" | "start-first";
  monitor: string;
  mounts: MountRow[];
  configs: ConfigRow[];
};

export const INITIAL_SERVICE_FORM: ServiceFormState = {
  name: "",
  image: "",
  mode: "replicated",
  replicas: "1",
  command: "",
  constraints: "",
  ports: "",
  env: "",
  secrets: "",
  capAdd: "",
  limitCpus: "",
  limitMemoryMb: "",
  reserveCpus: "",
  reserveMemoryMb: "",
  restartCondition: "any",
  restartDelay: "5",
  restartMaxAttempts: "",
  restartWindow: "",
  parallelism: "1",
  updateDelay: "0",
  failureAction: "pause",
  order: "stop-first",
  monitor: "5",
  mounts: [],
  configs: [],
};

/** Errors by the spec field they concern (`binds.0.source`, `limits.cpus`), as the server names them. */
export type FieldErrors = Record<string, string>;

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
const pairs = (text: string) =>
  lines(text).map((l) => {
    const eq = l.indexOf("=");
    return eq < 0 ? { key: l, value: "" } : { key: l.slice(0, eq), value: l.slice(eq + 1) };
  });
const MIB = 1024 * 1024;

/** The spec field of a mount row: its index counts only the rows of its own type. */
export function mountPath(mounts: readonly MountRow[], index: number): string {
  const row = mounts[index]!;
  const list = { volume: "volumes", bind: "binds", tmpfs: "tmpfs" }[row.type];
  const nth = mounts.slice(0, index).filter((m) => m.type === row.type).length;
  return `${list}.${nth}`;
}

/**
 * The form as a ServiceSpec, or the fields whose text is not a number of the right kind, each
 * with a message for beside it. The server checks the rest (names, paths, constraints, policy).
 */
export function toServiceSpec(
  f: ServiceFormState,
  hostIds: string[],
  networks: string[],
): { spec: ServiceSpecInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (
    path: string,
    text: string,
    { min = 0, integer = false, what }: { min?: number; integer?: boolean; what: string },
  ): number | undefined => {
    if (text.trim() === "") return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      errors[path] = `Write ${what}.`;
      return undefined;
    }
    return value;
  };
  const mib = (path: string, text: string) => {
    const value = number(path, text, { min: 6, what: "a size in MiB, at least 6" });
    return value === undefined ? undefined : Math.round(value * MIB);
  };
  const cpus = (path: string, text: string) => {
    const value = number(path, text, { what: "a number of CPUs, e.g. 0.5" });
    if (value === 0) errors[path] = "Write a number of CPUs above 0, e.g. 0.5.";
    return value;
  };
  const seconds = (path: string, text: string) =>
    number(path, text, { what: "a number of seconds, 0 or more" });
  const count = (path: string, text: string) =>
    number(path, text, { integer: true, what: "a whole number, 0 or more" });

  const mountsOf = (type: MountRow["type"]) => f.mounts.filter((m) => m.type === type);
  const spec: ServiceSpecInput = {
    name: f.name,
    image: f.image,
    mode: f.mode,
    ...(f.mode === "replicated" ? { replicas: count("replicas", f.replicas) ?? 1 } : {}),
    ...(f.command.trim() ? { command: ["sh", "-c", f.command] } : {}),
    hostIds,
    constraints: lines(f.constraints),
    ports: lines(f.ports).map((p, i) => {
      const [published, target] = p.split(":");
      const hostPort = Number(published);
      const containerPort = Number(target ?? published);
      if (!Number.isInteger(hostPort) || !Number.isInteger(containerPort)) {
        errors[`ports.${i}`] = `Line ${i + 1}: write a port as published:target, e.g. 8080:80.`;
      }
      return { hostPort, containerPort };
    }),
    networks,
    env: pairs(f.env),
    secrets: pairs(f.secrets).map((s) => ({ name: s.key, value: s.value })),
    configs: f.configs.map((c) => ({ name: c.name, target: c.target, value: c.value })),
    volumes: mountsOf("volume").map((m) => ({
      name: m.source,
      target: m.target,
      readOnly: m.readOnly,
    })),
    binds: mountsOf("bind").map((m) => ({
      source: m.source,
      target: m.target,
      readOnly: m.readOnly,
    })),
    tmpfs: mountsOf("tmpfs").map((m, i) => {
      const size = number(`tmpfs.${i}.sizeBytes`, m.sizeMb, {
        min: 1,
        what: "a size in MiB, 1 or more",
      });
      return {
        target: m.target,
        ...(size !== undefined ? { sizeBytes: Math.round(size * MIB) } : {}),
      };
    }),
    capAdd: f.capAdd
      .split(/[\s,]+/)
      .map((c) => c.trim().toUpperCase().replace(/^CAP_/, ""))
      .filter(Boolean) as ServiceSpecInput["capAdd"],
    limits: {
      cpus: cpus("limits.cpus", f.limitCpus),
      memoryBytes: mib("limits.memoryBytes", f.limitMemoryMb),
    },
    reservations: {
      cpus: cpus("reservations.cpus", f.reserveCpus),
      memoryBytes: mib("reservations.memoryBytes", f.reserveMemoryMb),
    },
    restartPolicy: {
      condition: f.restartCondition,
      delaySeconds: seconds("restartPolicy.delaySeconds", f.restartDelay) ?? 5,
      maxAttempts: count("restartPolicy.maxAttempts", f.restartMaxAttempts),
      windowSeconds: seconds("restartPolicy.windowSeconds", f.restartWindow),
    },
    update: {
      parallelism: count("update.parallelism", f.parallelism) ?? 1,
      delaySeconds: seconds("update.delaySeconds", f.updateDelay) ?? 0,
      failureAction: f.failureAction,
      order: f.order,
      monitorSeconds: seconds("update.monitorSeconds", f.monitor) ?? 5,
    },
  };
  return { spec, errors };
}

/** The policy judges a service as a run spec: its resource fields are the service's limits. */
const RUN_SPEC_FIELDS: Record<string, string> = {
  cpus: "limits.cpus",
  memoryBytes: "limits.memoryBytes",
};

/** Each violation beside its field, several (one per host) joined. */
export function violationErrors(violations: readonly PolicyViolation[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of violations) {
    const field = RUN_SPEC_FIELDS[v.field] ?? v.field;
    errors[field] = [errors[field], `${v.message} (${v.rule})`].filter(Boolean).join(" ");
  }
  return errors;
}

/**
 * The error for a field: its own, or for a row's input one about the whole row (`binds.0`) or
 * about the list (`binds`), so a message never goes unseen for lack of an exact input.
 */
export function errorFor(errors: FieldErrors, path: string): string | undefined {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const found = errors[parts.slice(0, n).join(".")];
    if (found) return found;
  }
  return undefined;
}

/** Every error about a field written as one text (ports, env, ...): its own and its lines'. */
export function errorsUnder(errors: FieldErrors, path: string): string | undefined {
  const found = Object.entries(errors)
    .filter(([key]) => key === path || key.startsWith(`${path}.`))
    .map(([, message]) => message);
  return found.length > 0 ? found.join(" ") : undefined;
}
