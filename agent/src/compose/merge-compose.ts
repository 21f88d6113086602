import { toKeyValues } from "./normalize-service";

type Path = (string | number)[];
type Mapping = Record<string, unknown>;

/** Fields a later file replaces wholesale instead of appending to (compose-spec 13-merge). */
const REPLACED = new Set(["command", "entrypoint", "healthcheck.test"]);

/** Fields written as a `KEY=VAL` list or a mapping, merged by key with the later value winning. */
const KEY_VALUE = new Set([
  "environment",
  "labels",
  "annotations",
  "sysctls",
  "build.args",
  "build.labels",
  "deploy.labels",
]);

/** How compose-go's EnforceUnicity tells two entries of a service list apart. */
const UNIQUE_KEY: Record<string, (entry: unknown) => string> = {
  ports: portKey,
  volumes: (entry) => targetOf(entry, (text) => text.split(":")[1] ?? text),
  devices: (entry) => targetOf(entry, (text) => text.split(":")[1] ?? text),
  secrets: (entry) => targetOf(entry, (text) => `/run/secrets/${text}`),
  configs: (entry) => targetOf(entry, (text) => `/${text}`),
  env_file: (entry) =>
    typeof entry === "string" ? entry : String((entry as Mapping | null)?.path ?? ""),
};

/**
 * Merges a later compose document (or an `extends` child) over an earlier one following compose's
 * rules: mappings merge, scalars and replaced fields are taken from the later value, sequences are
 * appended and then made unique per field, the later entry replacing the earlier one in place.
 */
export function mergeCompose(base: unknown, override: unknown, path: Path = []): unknown {
  if (override === undefined) return base;
  if (base === undefined || base === null) return override;
  const field = serviceField(path);
  if (field !== undefined && REPLACED.has(field)) return override;
  if (field !== undefined && KEY_VALUE.has(field)) {
    return {
      ...Object.fromEntries(toKeyValues(base, path)),
      ...Object.fromEntries(toKeyValues(override, path)),
    };
  }
  if (field === "depends_on" || field === "networks") {
    return mergeMappings(listToMapping(base), listToMapping(override), path);
  }
  if (Array.isArray(base) && Array.isArray(override)) {
    return unique([...base, ...override], field === undefined ? undefined : UNIQUE_KEY[field]);
  }
  if (isMapping(base) && isMapping(override)) return mergeMappings(base, override, path);
  return override;
}

/** Merges a list of documents in order, as `-f a.yml -f b.yml` does. */
export function mergeComposeDocuments(documents: unknown[]): Mapping {
  const merged = documents.reduce<unknown>((acc, doc) => mergeCompose(acc, doc), {});
  return isMapping(merged) ? merged : {};
}

function mergeMappings(base: Mapping, override: Mapping, path: Path): Mapping {
  const merged: Mapping = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = mergeCompose(base[key], value, [...path, key]);
  }
  return merged;
}

/** The dotted field name under `services.<name>`, or undefined outside a service. */
function serviceField(path: Path): string | undefined {
  if (path[0] !== "services" || path.length < 3) return undefined;
  return path.slice(2).join(".");
}

function listToMapping(value: unknown): Mapping {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [String(name), null]));
  return isMapping(value) ? value : {};
}

function unique(entries: unknown[], keyOf: ((entry: unknown) => string) | undefined): unknown[] {
  const key = keyOf ?? ((entry: unknown) => JSON.stringify(entry));
  const result: unknown[] = [];
  const indexByKey = new Map<string, number>();
  for (const entry of entries) {
    const entryKey = key(entry);
    const existing = indexByKey.get(entryKey);
    if (existing === undefined) {
      indexByKey.set(entryKey, result.length);
      result.push(entry);
    } else {
      result[existing] = entry;
    }
  }
  return result;
}

function portKey(entry: unknown): string {
  if (!isMapping(entry)) return String(entry);
  const hostIp = String(entry.host_ip ?? "0.0.0.0");
  return `${hostIp}:${String(entry.published ?? "")}:${String(entry.target)}/${String(entry.protocol ?? "tcp")}`;
}

function targetOf(entry: unknown, fromShort: (text: string) => string): string {
  if (typeof entry === "string") return fromShort(entry);
  if (!isMapping(entry)) return JSON.stringify(entry);
  if (typeof entry.target === "string") return entry.target;
  return fromShort(String(entry.source ?? ""));
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
