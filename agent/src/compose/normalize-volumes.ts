import type { ComposeVolumeMount } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import { sizeBytes } from "./compile-units";

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
    refuseUnsupportedOptions(long, path);
    const size = (long.tmpfs as Record<string, unknown> | undefined)?.size;
    return {
      ...mount(
        type,
        typeof long.source === "string" ? long.source : undefined,
        long.target,
        long.read_only === true,
        path,
      ),
      ...(type === "tmpfs" &&
        size !== undefined && {
          tmpfsSize: sizeBytes(size, [...path, "tmpfs", "size"]),
        }),
    };
  }
  throw new ComposeFieldError(path, "a volume must be a string or a mapping");
}

/** Options that change how a mount behaves and that the run spec cannot carry: refused, not dropped. */
function refuseUnsupportedOptions(long: Record<string, unknown>, path: Path): void {
  const volume = long.volume as Record<string, unknown> | undefined;
  const bind = long.bind as Record<string, unknown> | undefined;
  if (volume?.nocopy === true) {
    throw new ComposeFieldError([...path, "volume", "nocopy"], "volume.nocopy is not supported");
  }
  if (bind?.propagation !== undefined) {
    throw new ComposeFieldError(
      [...path, "bind", "propagation"],
      "bind.propagation is not supported",
    );
  }
}

function parseShortVolume(text: string, path: Path): ComposeVolumeMount {
  const parts = text.split(":");
  if (parts.length === 1) return mount("volume", undefined, parts[0], false, path);
  if (parts.length > 3) throw new ComposeFieldError(path, `invalid volume "${text}"`);
  const [source = "", target, mode = "rw"] = parts;
  const options = mode.split(",");
  const unknown = options.find((option) => !MODES.has(option));
  if (unknown !== undefined) throw new ComposeFieldError(path, `invalid volume mode "${unknown}"`);
  // SELinux relabelling (z, Z) is a no-op elsewhere; propagation and nocopy change behaviour.
  const unsupported = options.find((option) => !["ro", "rw", "z", "Z"].includes(option));
  if (unsupported !== undefined) {
    throw new ComposeFieldError(path, `volume mode "${unsupported}" is not supported`);
  }
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
