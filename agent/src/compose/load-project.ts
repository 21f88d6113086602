import type { ComposeProblem, ComposeProject, ComposeService } from "@/lib/protocol";
import { castTypedFields } from "./cast-typed-fields";
import { ComposeFieldError } from "./compose-field-error";
import { DotenvError, parseDotenv } from "./dotenv";
import type { VariableLookup } from "./interpolate";
import { mergeComposeDocuments } from "./merge-compose";
import { normalizeService } from "./normalize-service";
import { locateInFiles, parseComposeFile, type ParsedComposeFile } from "./parse-compose-file";
import type {
  ComposeFileConfig,
  ComposeNetworkConfig,
  ComposeVolumeConfig,
} from "./normalize-resources";
import { referencedResources } from "./referenced-resources";
import { resolveExtends } from "./resolve-extends";
import type { StackFiles } from "./stack-files";
import { validateComposeSchema } from "./validate-compose-schema";

export interface ComposeSource {
  /** The name problems are reported under, and the key `extends.file` refers to. */
  file: string;
  text: string;
}

export interface LoadProjectInput {
  /** The `-f` files, in order: later files override earlier ones. */
  files: ComposeSource[];
  /** The project's `.env`, if any: `{ file: ".env", text }`. */
  dotenv?: ComposeSource;
  /** The shell environment; it wins over `.env`. */
  environment?: Record<string, string>;
  /** Active profiles; defaults to COMPOSE_PROFILES from the environment. */
  profiles?: string[];
  /** Files named by `extends.file` that are not among `files`. */
  extendsFiles?: ComposeSource[];
  /** The stack's files, for `env_file` and configs and secrets read from `file:`. */
  stack?: StackFiles;
}

/** A loaded project with its top-level resources normalised, unreferenced ones dropped. */
export interface LoadedProject extends Omit<ComposeProject, "networks" | "volumes"> {
  networks: Record<string, ComposeNetworkConfig>;
  volumes: Record<string, ComposeVolumeConfig>;
  configs: Record<string, ComposeFileConfig>;
  secrets: Record<string, ComposeFileConfig>;
}

export type LoadProjectResult =
  | {
      ok: true;
      project: LoadedProject;
      warnings: ComposeProblem[];
      /** Places a problem found later (compiling) at its path in the files. */
      locate: (path: (string | number)[], message: string, atKey?: boolean) => ComposeProblem;
    }
  | { ok: false; errors: ComposeProblem[]; warnings: ComposeProblem[] };

type Mapping = Record<string, unknown>;

/** Loads a compose project from its files as `docker compose config` would, without touching the engine. */
export function loadProject(input: LoadProjectInput): LoadProjectResult {
  const shell = input.environment ?? {};
  let dotenv = new Map<string, string>();
  if (input.dotenv) {
    try {
      dotenv = parseDotenv(input.dotenv.text, { lookup: (name) => shell[name] });
    } catch (error) {
      if (!(error instanceof DotenvError)) throw error;
      const message = error.message.replace(/^line \d+: /, "");
      return {
        ok: false,
        errors: [{ file: input.dotenv.file, line: error.line, column: 1, message }],
        warnings: [],
      };
    }
  }
  const lookup: VariableLookup = (name) => shell[name] ?? dotenv.get(name);

  const warnings: ComposeProblem[] = [];
  const errors: ComposeProblem[] = [];
  const parse = (source: ComposeSource) => {
    const result = parseComposeFile(source.file, source.text, lookup);
    warnings.push(...result.warnings);
    errors.push(...result.errors);
    return result.parsed;
  };
  const parsed = input.files
    .map(parse)
    .filter((file): file is ParsedComposeFile => file !== undefined);
  const extendsSources = new Map((input.extendsFiles ?? []).map((source) => [source.file, source]));
  const extendsParsed = new Map<string, ParsedComposeFile | undefined>();
  if (errors.length > 0) return { ok: false, errors, warnings };

  const located = [...parsed];
  try {
    const servicesOfFile = (file: string): Mapping | undefined => {
      const known = parsed.find((candidate) => candidate.file === file);
      if (known) return servicesOf(known.content);
      const source = extendsSources.get(file);
      if (!source) return undefined;
      if (!extendsParsed.has(file)) {
        const extra = parse(source);
        extendsParsed.set(file, extra);
        if (extra) located.push(extra);
      }
      return servicesOf(extendsParsed.get(file)?.content);
    };
    const documents = parsed.map((file) => {
      const content = (file.content ?? {}) as Mapping;
      checkTopLevel(content);
      return { ...content, services: resolveExtends(servicesOf(content), servicesOfFile) };
    });
    if (errors.length > 0) return { ok: false, errors, warnings };
    const merged = mergeComposeDocuments(documents);
    // After interpolation and merge, as compose validates; casting first so `${PORT}` is a number.
    castTypedFields(merged);
    validateComposeSchema(merged);
    const profiles = input.profiles ?? profilesFrom(lookup);
    const project = buildProject(merged, profiles, lookup, input.stack);
    const locate = (path: (string | number)[], message: string, atKey?: boolean) =>
      locateInFiles(located, path, message, atKey);
    return { ok: true, project, warnings, locate };
  } catch (error) {
    if (!(error instanceof ComposeFieldError)) throw error;
    errors.push(locateInFiles(located, error.path, error.message, error.atKey));
    return { ok: false, errors, warnings };
  }
}

const TOP_LEVEL = new Set([
  "version",
  "name",
  "services",
  "networks",
  "volumes",
  "secrets",
  "configs",
]);

/** Valid compose that Berth does not load: refused by name rather than ignored. */
const UNSUPPORTED_TOP_LEVEL: Record<string, string> = {
  include: "include is not supported yet: list the files as the stack's compose files instead",
  models: "models are not supported",
};

/** The top-level keys the specification allows (plus `x-` extensions), each section a mapping. */
function checkTopLevel(merged: Mapping): void {
  for (const [key, value] of Object.entries(merged)) {
    if (key.startsWith("x-")) continue;
    const unsupported = UNSUPPORTED_TOP_LEVEL[key];
    if (unsupported) throw new ComposeFieldError([key], unsupported, { atKey: true });
    if (!TOP_LEVEL.has(key)) {
      throw new ComposeFieldError([key], `unknown top-level key ${key}`, { atKey: true });
    }
    const isMapping = typeof value === "object" && !Array.isArray(value);
    if (key !== "version" && key !== "name" && value !== null && !isMapping) {
      throw new ComposeFieldError([key], `${key} must be a mapping`);
    }
  }
}

function buildProject(
  merged: Mapping,
  profiles: string[],
  lookup: VariableLookup,
  stack: StackFiles | undefined,
): LoadedProject {
  const services: Record<string, ComposeService> = {};
  const disabledServices: string[] = [];
  for (const [name, raw] of Object.entries(servicesOf(merged))) {
    const service = normalizeService(name, raw, lookup, stack);
    if (isEnabled(service.profiles, profiles)) services[name] = service;
    else disabledServices.push(name);
  }
  for (const [name, service] of Object.entries(services)) {
    for (const dependency of Object.keys(service.depends_on)) {
      if (services[dependency] || !service.depends_on[dependency]?.required) continue;
      const reason = disabledServices.includes(dependency)
        ? "is disabled by its profiles"
        : "is not defined";
      throw new ComposeFieldError(
        ["services", name, "depends_on", dependency],
        `service ${name} depends on ${dependency}, which ${reason}`,
      );
    }
  }
  return {
    ...(typeof merged.name === "string" && { name: merged.name }),
    services,
    disabledServices,
    ...referencedResources(merged, services, lookup, stack),
  };
}

/** A service without profiles is always on; `*` turns every profile on. */
function isEnabled(serviceProfiles: string[], active: string[]): boolean {
  if (serviceProfiles.length === 0 || active.includes("*")) return true;
  return serviceProfiles.some((profile) => active.includes(profile));
}

function profilesFrom(lookup: VariableLookup): string[] {
  return (lookup("COMPOSE_PROFILES") ?? "")
    .split(",")
    .map((profile) => profile.trim())
    .filter(Boolean);
}

function servicesOf(content: unknown): Mapping {
  return mappingOf((content as Mapping | null | undefined)?.services);
}

function mappingOf(value: unknown): Mapping {
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) return {};
  return value as Mapping;
}
