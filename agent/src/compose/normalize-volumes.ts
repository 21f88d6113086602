import type { ComposeVolumeMount } from "@/lib/protocol/compose";
import { ComposeFieldError } from "./compose-field-error";

type Path = (string | number)[];

const MODES = new Set([
  "ro",
  "rw",
  "z",
  "Z",
  "nocopy",
  "shared",
  "rshared",
  "slave",
  "rslave",
  "private",
  "rprivate",
]);

/**
 * Canonicalises a service's `volumes`: `"target"` is an anonymous volume, `"source:target[:mode]"`
 * is a bind when the source is a path (starts with `/`, `.` or `~`) and a named volume otherwise.
 */
export function normalizeVolumes(value: unknown, path: Path): ComposeVolumeMount[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ComposeFieldError(path, "volumes must be a list");
  return value.map((entry, index) => normalizeVolume(entry, [...path, index]));
}

function normalizeVolume(entry: unknown, path: Path): ComposeVolumeMount {
  if (typeof entry === "string") return parseShortVolume(entry, path);
  if (entry && typeof entry === "object") {
    const long = entry as Record<string, unknown>;
    const type = String(long.type ?? "volume");
    if (type !== "volume" && type !== "bind" && type !== "tmpfs") {
      throw new ComposeFieldError(path, `unsupported volume type ${type}`);
    }
    return mount(
      type,
      typeof long.source === "string" ? long.source : undefined,
      long.target,
      long.read_only === true,
      path,
    );
  }
  throw new ComposeFieldError(path, "a volume must be a string or a mapping");
}

function parseShortVolume(text: string, path: Path): ComposeVolumeMount {
  const parts = text.split(":");
  if (parts.length === 1) return mount("volume", undefined, parts[0], false, path);
  if (parts.length > 3) throw new ComposeFieldError(path, `invalid volume "${text}"`);
  const [source = "", target, mode = "rw"] = parts;
  const options = mode.split(",");
  const unknown = options.find((option) => !MODES.has(option));
  if (unknown !== undefined) throw new ComposeFieldError(path, `invalid volume mode "${unknown}"`);
  const isPath = /^[/.~]/.test(source);
  return mount(isPath ? "bind" : "volume", source, target, options.includes("ro"), path);
}

function mount(
  type: ComposeVolumeMount["type"],
  source: string | undefined,
  target: unknown,
  readOnly: boolean,
  path: Path,
): ComposeVolumeMount {
  if (typeof target !== "string" || !target.startsWith("/")) {
    throw new ComposeFieldError(
      path,
      `volume target must be an absolute path, got ${JSON.stringify(target)}`,
    );
  }
  return { type, ...(source && { source }), target, readOnly };
}
