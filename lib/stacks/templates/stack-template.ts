import { z } from "zod";
import { StackFilePathSchema, STACK_FILES_MAX_BYTES } from "@/lib/protocol";

/** A variable name as compose interpolates it: `${NAME}` in the compose file. */
const VariableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a variable name uses letters, digits and '_'");

/** One value the user fills in before deploying; it reaches the compose file as `${name}`. */
export const StackTemplateVariableSchema = z.strictObject({
  name: VariableNameSchema,
  label: z.string().trim().min(1).max(100),
  description: z.string().max(500).optional(),
  default: z.string().max(4096).optional(),
  /** Deploying refuses an empty value. */
  required: z.boolean().default(false),
  /** Masked in the form, never written to the stack's files: kept sealed by the server. */
  secret: z.boolean().default(false),
  /** Left empty, a random value is made (passwords the user never needs to type). */
  generate: z.boolean().default(false),
});
export type StackTemplateVariable = z.infer<typeof StackTemplateVariableSchema>;

export const StackTemplateSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "an id uses lowercase letters, digits and '-'"),
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().min(1).max(1000),
    /** Shown by the browser as an <img>; the server never fetches it. */
    logo: z
      .url({ protocol: /^https$/, error: "a logo is an https:// URL" })
      .max(500)
      .optional(),
    /** The compose file (`compose.yaml` of the stack). */
    compose: z.string().min(1),
    /** Other files of the stack: configs, an index page, a Dockerfile. */
    files: z
      .array(z.strictObject({ path: StackFilePathSchema, content: z.string() }))
      .max(50)
      .default([]),
    variables: z.array(StackTemplateVariableSchema).max(50).default([]),
  })
  .superRefine((t, ctx) => {
    const paths = new Set(["compose.yaml", ".env"]);
    t.files.forEach((f, i) => {
      if (paths.has(f.path))
        ctx.addIssue({
          code: "custom",
          path: ["files", i, "path"],
          message: `${f.path} is made by the template itself (compose, .env)`,
        });
      paths.add(f.path);
    });
    const names = new Set<string>();
    t.variables.forEach((v, i) => {
      if (names.has(v.name))
        ctx.addIssue({
          code: "custom",
          path: ["variables", i, "name"],
          message: `${v.name} is listed twice`,
        });
      names.add(v.name);
      if (v.secret && v.default !== undefined && v.default !== "")
        ctx.addIssue({
          code: "custom",
          path: ["variables", i, "default"],
          message: "a secret has no default (use generate for a random one)",
        });
    });
    const bytes = [t.compose, ...t.files.map((f) => f.content)].reduce(
      (n, text) => n + Buffer.byteLength(text),
      0,
    );
    if (bytes > STACK_FILES_MAX_BYTES)
      ctx.addIssue({ code: "custom", path: ["files"], message: "the files are too large" });
  });
export type StackTemplate = z.infer<typeof StackTemplateSchema>;

/** The catalogue file: `{ "templates": [ … ] }`. */
export const StackTemplateCatalogueSchema = z
  .strictObject({ templates: z.array(StackTemplateSchema).max(500) })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.templates.forEach((t, i) => {
      if (ids.has(t.id))
        ctx.addIssue({
          code: "custom",
          path: ["templates", i, "id"],
          message: `the id ${t.id} is used twice`,
        });
      ids.add(t.id);
    });
  });
