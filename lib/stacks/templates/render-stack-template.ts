import { randomSecret } from "@/lib/crypto";
import { BerthError, type StackFile } from "@/lib/protocol";
import type { StackTemplate } from "./stack-template";

export interface RenderedStackTemplate {
  /** `compose.yaml`, the template's other files and a `.env` with the non-secret values. */
  files: StackFile[];
  composeFiles: ["compose.yaml"];
  /** `.env` when some value is not secret. */
  envFile: ".env" | undefined;
  /**
   * The secret values (ComposeSource.environment): kept out of the files, so the server stores
   * them sealed and passes them on every deploy.
   */
  environment: Record<string, string>;
}

/** A `.env` value compose reads back unchanged: single quotes are literal; else double quotes. */
function dotenvValue(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/**
 * A template filled in with the user's values, as the pieces of a ComposeSource. Values left out
 * take the default, or a random one for `generate`; a required variable still empty, an unknown
 * variable or a value over one line is refused, with `field` set to `variables.<NAME>`.
 */
export function renderStackTemplate(
  template: StackTemplate,
  values: Record<string, string>,
): RenderedStackTemplate {
  const known = new Set(template.variables.map((v) => v.name));
  for (const name of Object.keys(values))
    if (!known.has(name))
      throw new BerthError(
        "BAD_REQUEST",
        `The template ${template.title} has no variable ${name}.`,
        `variables.${name}`,
      );
  const env: string[] = [];
  const environment: Record<string, string> = {};
  for (const variable of template.variables) {
    let value = values[variable.name] ?? "";
    if (value === "") value = variable.default ?? "";
    if (value === "" && variable.generate) value = randomSecret(24);
    if (value === "" && variable.required)
      throw new BerthError(
        "BAD_REQUEST",
        `Fill in ${variable.label}.`,
        `variables.${variable.name}`,
      );
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value))
      throw new BerthError(
        "BAD_REQUEST",
        `${variable.label} must be one line of text.`,
        `variables.${variable.name}`,
      );
    if (variable.secret) environment[variable.name] = value;
    else env.push(`${variable.name}=${dotenvValue(value)}`);
  }
  return {
    files: [
      { path: "compose.yaml", content: template.compose },
      ...template.files,
      ...(env.length > 0 ? [{ path: ".env", content: `${env.join("\n")}\n` }] : []),
    ],
    composeFiles: ["compose.yaml"],
    envFile: env.length > 0 ? ".env" : undefined,
    environment,
  };
}
