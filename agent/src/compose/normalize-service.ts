import { ComposeServiceSchema, type ComposeDependency, type ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import { readEnvFiles } from "./env-files";
import type { VariableLookup } from "./interpolate";
import { normalizePorts } from "./normalize-ports";
import { normalizeVolumes } from "./normalize-volumes";
import type { StackFiles } from "./stack-files";

type Path = (string | number)[];

/** Turns one merged service into the typed model; the zod schema is the last check. */
export function normalizeService(
  name: string,
  raw: unknown,
  lookup: VariableLookup,
  stack?: StackFiles,
): ComposeService {
  const path = ["services", name];
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ComposeFieldError(path, `service ${name} must be a mapping`);
  }
  const { env_file: envFile, ...service } = raw as Record<string, unknown>;
  // env_file is read into environment, where `environment` wins, as compose resolves it.
  const candidate = {
    ...service,
    environment: {
      ...readEnvFiles(envFile, [...path, "env_file"], stack, lookup),
      ...normalizeEnvironment(service.environment, [...path, "environment"], lookup),
    },
    ports: normalizePorts(service.ports, [...path, "ports"]),
    volumes: normalizeVolumes(service.volumes, [...path, "volumes"]),
    depends_on: normalizeDependsOn(service.depends_on, [...path, "depends_on"]),
    profiles: service.profiles ?? [],
  };
  const parsed = ComposeServiceSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ComposeFieldError(
      [
        ...path,
        ...(issue?.path ?? []).map((segment) =>
          typeof segment === "symbol" ? String(segment) : segment,
        ),
      ],
      issue?.message ?? "invalid service",
    );
  }
  return parsed.data;
}

/**
 * `environment` as a map, from list (`KEY=VAL`) or map form. A key without a value takes it from
 * the interpolation environment and is dropped when unset there, as compose does.
 */
export function normalizeEnvironment(
  value: unknown,
  path: Path,
  lookup: VariableLookup,
): Record<string, string> {
  const entries = toKeyValues(value, path);
  const environment: Record<string, string> = {};
  for (const [key, entry] of entries) {
    const resolved = entry ?? lookup(key);
    if (resolved !== undefined) environment[key] = resolved;
  }
  return environment;
}

/** A `KEY=VAL` list or a mapping as pairs; null marks a key written without a value. */
export function toKeyValues(value: unknown, path: Path): [string, string | null][] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    return value.map((entry, index) => {
      if (typeof entry !== "string") {
        throw new ComposeFieldError([...path, index], "a list entry must be a KEY=VALUE string");
      }
      const equals = entry.indexOf("=");
      return equals < 0 ? [entry, null] : [entry.slice(0, equals), entry.slice(equals + 1)];
    });
  }
  if (typeof value === "object") {
    return Object.entries(value).map(([key, entry]) => [
      key,
      entry === null || entry === undefined ? null : String(entry),
    ]);
  }
  throw new ComposeFieldError(path, "must be a list of KEY=VALUE strings or a mapping");
}

const CONDITIONS = new Set([
  "service_started",
  "service_healthy",
  "service_completed_successfully",
]);

/** `depends_on` as a map with compose's defaults: service_started, required, no restart. */
export function normalizeDependsOn(value: unknown, path: Path): Record<string, ComposeDependency> {
  if (value === undefined || value === null) return {};
  const defaults: ComposeDependency = {
    condition: "service_started",
    required: true,
    restart: false,
  };
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((name) => [String(name), { ...defaults }]));
  }
  if (typeof value !== "object")
    throw new ComposeFieldError(path, "depends_on must be a list or a mapping");
  const dependencies: Record<string, ComposeDependency> = {};
  for (const [name, entry] of Object.entries(value)) {
    const long = (entry ?? {}) as Record<string, unknown>;
    const condition = long.condition;
    if (typeof condition !== "string" || !CONDITIONS.has(condition)) {
      throw new ComposeFieldError(
        [...path, name],
        `depends_on.${name}.condition must be one of ${[...CONDITIONS].join(", ")}`,
      );
    }
    dependencies[name] = {
      condition: condition as ComposeDependency["condition"],
      required: asBoolean(long.required, true, [...path, name, "required"]),
      restart: asBoolean(long.restart, false, [...path, name, "restart"]),
    };
  }
  return dependencies;
}

/** Interpolated booleans arrive as strings; compose casts them. */
function asBoolean(value: unknown, fallback: boolean, path: Path): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "boolean") return value;
  const text = String(value).toLowerCase();
  if (["true", "yes", "y", "on", "1"].includes(text)) return true;
  if (["false", "no", "n", "off", "0"].includes(text)) return false;
  throw new ComposeFieldError(path, `expected a boolean, got ${JSON.stringify(value)}`);
}
