import { readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { StackTemplateCatalogueSchema, type StackTemplate } from "./stack-template";

export class StackTemplateCatalogueError extends Error {}

/** Environment variables; the catalogue's place depends on BERTH_STACK_TEMPLATES and BERTH_ROOT. */
type CatalogueEnv = Record<string, string | undefined>;

/**
 * Where the catalogue is read from: the file BERTH_STACK_TEMPLATES names, else the one shipped
 * with Berth. A file and not a URL: the server fetches nothing on an admin's say-so, and the file
 * changes only when the admin changes it.
 */
export function stackTemplatesPath(env: CatalogueEnv = process.env): string {
  const configured = env.BERTH_STACK_TEMPLATES?.trim();
  if (configured) return path.resolve(configured);
  return path.join(
    env.BERTH_ROOT ?? process.cwd(),
    "lib",
    "stacks",
    "templates",
    "default-templates.json",
  );
}

/** "template wordpress (#2): variables[1].label: …" for the first few problems of the file. */
function describeIssues(error: z.ZodError, raw: unknown, file: string): string {
  const templates =
    typeof raw === "object" &&
    raw !== null &&
    Array.isArray((raw as { templates?: unknown }).templates)
      ? (raw as { templates: unknown[] }).templates
      : [];
  const lines = error.issues.slice(0, 5).map((issue) => {
    const message =
      issue.code === "invalid_type" && /received undefined/.test(issue.message)
        ? "missing"
        : issue.message;
    const [top, index, ...rest] = issue.path;
    if (top === "templates" && typeof index === "number") {
      const entry = templates[index] as { id?: unknown } | undefined;
      const id = typeof entry?.id === "string" ? `${entry.id} ` : "";
      const field = rest
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
        .join("")
        .replace(/^\./, "");
      return `template ${id}(#${index + 1})${field ? `: ${field}` : ""}: ${message}`;
    }
    return `${issue.path.join(".") || "the file"}: ${message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : "";
  return `The stack templates file ${file} is not valid: ${lines.join("; ")}${more}.`;
}

/**
 * The stack template catalogue, read and checked on each call (the file is small, and an admin's
 * change shows without a restart). An invalid file is a StackTemplateCatalogueError naming the
 * file, the template and the field.
 */
export async function loadStackTemplates(
  env: CatalogueEnv = process.env,
): Promise<StackTemplate[]> {
  const file = stackTemplatesPath(env);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new StackTemplateCatalogueError(
      `The stack templates file ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new StackTemplateCatalogueError(
      `The stack templates file ${file} is not valid JSON: ${(err as Error).message}.`,
    );
  }
  const parsed = StackTemplateCatalogueSchema.safeParse(raw);
  if (!parsed.success)
    throw new StackTemplateCatalogueError(describeIssues(parsed.error, raw, file));
  return parsed.data.templates;
}
