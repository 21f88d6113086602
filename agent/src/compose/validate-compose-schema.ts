import type { ErrorObject } from "ajv";
import { ComposeFieldError } from "./compose-field-error";
import { composeValidator } from "./compose-schema";
import { isSpecifiedButUnsupported } from "./compose-schema-overlay";

type Path = (string | number)[];

/** Which error to show when several share the deepest path: the one the user can act on. */
const PREFERENCE = ["additionalProperties", "required", "enum", "const", "pattern", "type"];

/**
 * Validates a merged, interpolated and cast project against the Compose Specification's schema
 * and throws the most specific problem (the deepest path, as compose-go's getMostSpecificError).
 */
export function validateComposeSchema(project: unknown): void {
  const validate = composeValidator();
  if (validate(project) || !validate.errors) return;
  const errors = validate.errors;
  const depth = (error: ErrorObject) => pointerToPath(error.instancePath).length;
  const deepest = Math.max(...errors.map(depth));
  const candidates = errors.filter((error) => depth(error) === deepest);
  const rank = (error: ErrorObject) => {
    const index = PREFERENCE.indexOf(error.keyword);
    return index < 0 ? PREFERENCE.length : index;
  };
  candidates.sort((a, b) => rank(a) - rank(b));
  const chosen = candidates[0];
  if (!chosen) return;
  const path = pointerToPath(chosen.instancePath);
  throw describe(chosen, path, candidates);
}

function describe(error: ErrorObject, path: Path, siblings: ErrorObject[]): ComposeFieldError {
  const where = formatPath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const message = isSpecifiedButUnsupported(path.join("."), key)
        ? `'${key}' in ${owner(path)} is not supported`
        : `unknown key '${key}' in ${owner(path)}`;
      return new ComposeFieldError([...path, key], message, { atKey: true });
    }
    case "required":
      return new ComposeFieldError(path, `${where}: missing ${String(params.missingProperty)}`);
    case "enum":
      return new ComposeFieldError(
        path,
        `${where}: must be one of ${(params.allowedValues as unknown[]).join(", ")}`,
      );
    case "type": {
      // oneOf branches each report the type they wanted: name them all at once.
      const types = siblings
        .filter((sibling) => sibling.keyword === "type")
        .flatMap((sibling) => String((sibling.params as { type: unknown }).type).split(","));
      return new ComposeFieldError(path, `${where}: must be ${article([...new Set(types)])}`);
    }
    default:
      return new ComposeFieldError(path, `${where}: ${error.message ?? "is not valid"}`);
  }
}

/** "service web", "network front", or the dotted path for anything deeper. */
function owner(path: Path): string {
  const [section, name] = path;
  const singular: Record<string, string> = {
    services: "service",
    networks: "network",
    volumes: "volume",
    configs: "config",
    secrets: "secret",
  };
  if (path.length === 0) return "the top level";
  if (path.length === 2 && typeof section === "string" && singular[section]) {
    return `${singular[section]} ${String(name)}`;
  }
  return formatPath(path);
}

function article(types: string[]): string {
  const words = types.map((type) =>
    type === "object" ? "mapping" : type === "array" ? "list" : type,
  );
  const last = words.pop();
  const list = words.length > 0 ? `${words.join(", ")} or ${last}` : String(last);
  return /^[aeiou]/.test(list) ? `an ${list}` : `a ${list}`;
}

export function formatPath(path: Path): string {
  return path
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join("");
}

function pointerToPath(pointer: string): Path {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
