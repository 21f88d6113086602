import { ComposeFieldError } from "./compose-field-error";
import { DotenvError, parseDotenv } from "./dotenv";
import type { VariableLookup } from "./interpolate";
import { NO_FILES, resolveStackPath, type StackFiles } from "./stack-files";

type Path = (string | number)[];

/**
 * A service's `env_file` entries read from the stack's files, later files overriding earlier
 * ones. A missing file is an error unless `required: false`. `${X}` inside reads the project's
 * interpolation variables, as compose does.
 */
export function readEnvFiles(
  value: unknown,
  path: Path,
  stack: StackFiles | undefined,
  lookup: VariableLookup,
): Record<string, string> {
  if (value === undefined || value === null) return {};
  const entries = Array.isArray(value) ? value : [value];
  const environment: Record<string, string> = {};
  entries.forEach((entry, index) => {
    const at = Array.isArray(value) ? [...path, index] : path;
    const long = typeof entry === "string" ? { path: entry } : (entry as Record<string, unknown>);
    const written = String(long.path);
    const required = long.required !== false;
    const resolved = resolveStackPath(stack ?? NO_FILES, written);
    if ("error" in resolved) throw new ComposeFieldError(at, `env_file ${resolved.error}`);
    const text = stack?.files.get(resolved.path);
    if (text === undefined) {
      if (!required) return;
      throw new ComposeFieldError(at, `env file ${written} not found among the stack's files`);
    }
    try {
      const values = parseDotenv(text, { lookup, raw: long.format === "raw" });
      for (const [key, entryValue] of values) environment[key] = entryValue;
    } catch (error) {
      if (!(error instanceof DotenvError)) throw error;
      throw new ComposeFieldError(at, `env file ${written}, ${error.message}`);
    }
  });
  return environment;
}
