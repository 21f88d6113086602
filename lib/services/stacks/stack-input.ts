import { z } from "zod";
import {
  BerthError,
  ComposeProjectNameSchema,
  ComposeSourceSchema,
  StackFilePathSchema,
  StackFileSchema,
  type StackFile,
} from "@/lib/protocol";
import { GitPollSecondsSchema } from "@/lib/stacks/git/poll-seconds";

/** A git repository a stack's files come from; the token or key is sealed at rest and never sent back. */
export const StackGitInputSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .refine(
      (url) => !/^https?:\/\/[^/]*@/i.test(url),
      "Put the token in the token field, not in the URL (a URL is shown to everyone who may see the stack).",
    ),
  branch: z.string().trim().min(1).max(255).default("main"),
  /** The compose file's path in the repository. */
  path: StackFilePathSchema.default("compose.yaml"),
  auth: z.enum(["none", "token", "ssh"]).default("none"),
  /** The token or private key; absent on an update keeps the stored one. */
  secret: z.string().max(20_000).optional(),
  /** The ssh host key to pin ("ssh-ed25519 AAAA…"). */
  knownHost: z.string().trim().max(5000).optional(),
  /** Seconds between polls, a minute to a day; null: the webhook only. */
  pollSeconds: GitPollSecondsSchema.default(null),
});
export type StackGitInput = z.infer<typeof StackGitInputSchema>;

/** What a stack is made of, as the editor sends it (a git stack's come from its repository). */
const StackContentShape = {
  files: z.array(StackFileSchema).max(500).default([]),
  composeFiles: z.array(StackFilePathSchema).max(10).default([]),
  envFile: StackFilePathSchema.nullish(),
  profiles: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
};

/** Template fill-ins: written into the stack's env file, which compose reads for interpolation. */
const VariablesSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "A variable name is letters, digits and '_'."),
  z
    .string()
    .max(10_000)
    .refine((v) => !/[\n\r']/.test(v), "A variable's value cannot hold a line break or a '''."),
);

/** POST /api/stacks */
export const StackCreateSchema = z.object({
  hostId: z.string().min(1).max(100),
  name: ComposeProjectNameSchema,
  ...StackContentShape,
  git: StackGitInputSchema.optional(),
  templateId: z.string().min(1).max(200).optional(),
  variables: VariablesSchema.default({}),
  /** Deploy it at once (the caller needs stack.deploy either way). */
  deploy: z.boolean().default(false),
});
export type StackCreate = z.infer<typeof StackCreateSchema>;

/** PUT /api/stacks/{id}: the project name and host stay. `git: null` makes it an editor stack. */
export const StackUpdateSchema = z.object({
  ...StackContentShape,
  git: StackGitInputSchema.nullish(),
});

/** POST /api/stacks/plan: saved or unsaved content; `stackId` when it is a saved stack's. */
export const StackPlanSchema = z.object({
  hostId: z.string().min(1).max(100),
  name: ComposeProjectNameSchema,
  ...StackContentShape,
  stackId: z.string().min(1).max(100).optional(),
});

const ServiceNamesSchema = z.array(z.string().min(1).max(200)).max(100);

/** POST /api/stacks/{id}/deploy */
export const StackDeploySchema = z.object({
  pull: z.boolean().default(false),
  removeOrphans: z.boolean().default(false),
  forceRecreate: z.boolean().default(false),
  /** Only these services (and what they depend on). */
  services: ServiceNamesSchema.optional(),
  /** Git stacks: fetch the branch first (the default); false deploys the files last fetched. */
  fetch: z.boolean().optional(),
});

export const StackActionSchema = z.enum(["start", "stop", "restart"]);
export type StackAction = z.infer<typeof StackActionSchema>;

/** POST /api/stacks/{id}/{start|stop|restart} */
export const StackLifecycleSchema = z.object({ services: ServiceNamesSchema.optional() });

/** POST /api/stacks/{id}/down */
export const StackDownSchema = z.object({ removeVolumes: z.boolean().default(false) });

const Flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

/** DELETE /api/stacks/{id}?down=1&volumes=1 */
export const StackRemoveQuerySchema = z.object({
  /** Take the project down on the host first (containers and networks). */
  down: Flag.default(false),
  /** With down: its named volumes too. */
  volumes: Flag.default(false),
});

/** POST /api/stacks/adopt */
export const StackAdoptSchema = z.object({
  hostId: z.string().min(1).max(100),
  project: ComposeProjectNameSchema,
});

export type StackContent = {
  files: StackFile[];
  composeFiles: string[];
  envFile: string | null;
  profiles: string[];
};

/**
 * A stack's files checked as the agent will load them (paths inside the stack's folder, compose
 * files among the files, the size that travels to a host), and as they will be written: no path
 * twice, no file where another needs a folder, the env file one of the files. Only a git stack
 * may have none yet: its files come with the first fetch.
 */
export function checkStackContent(
  name: string,
  content: StackContent,
  { fromGit = false }: { fromGit?: boolean } = {},
): StackContent {
  if (content.composeFiles.length === 0 && content.files.length === 0 && fromGit) return content;
  if (content.composeFiles.length === 0)
    throw new BerthError("BAD_REQUEST", "Name the stack's compose file.", "composeFiles");
  ComposeSourceSchema.parse({
    project: name,
    files: content.files,
    composeFiles: content.composeFiles,
    envFile: content.envFile ?? undefined,
    profiles: content.profiles,
  });
  const paths = new Set<string>();
  content.files.forEach((file, i) => {
    if (paths.has(file.path))
      throw new BerthError("BAD_REQUEST", `${file.path} is in the stack twice.`, `files.${i}.path`);
    paths.add(file.path);
  });
  content.files.forEach((file, i) => {
    const parts = file.path.split("/");
    for (let n = 1; n < parts.length; n++) {
      const folder = parts.slice(0, n).join("/");
      if (paths.has(folder))
        throw new BerthError(
          "BAD_REQUEST",
          `${file.path} needs ${folder} to be a folder, but it is a file of the stack.`,
          `files.${i}.path`,
        );
    }
  });
  if (content.envFile && !paths.has(content.envFile))
    throw new BerthError(
      "BAD_REQUEST",
      `${content.envFile} is not a file of the stack.`,
      "envFile",
    );
  return content;
}

/**
 * The stack's files with template fill-ins set in its env file (`.env` unless another is named):
 * each variable replaces a line of the same name or is added, single-quoted so compose reads it
 * literally.
 */
export function withVariables(
  content: StackContent,
  variables: Record<string, string>,
): StackContent {
  const names = Object.keys(variables);
  if (names.length === 0) return content;
  const envFile = content.envFile ?? ".env";
  const current = content.files.find((f) => f.path === envFile)?.content ?? "";
  const kept = current
    .split("\n")
    .filter((line) => !names.some((n) => new RegExp(`^\\s*(export\\s+)?${n}\\s*=`).test(line)));
  while (kept.length > 0 && kept.at(-1) === "") kept.pop();
  const lines = [...kept, ...names.map((n) => `${n}='${variables[n]}'`)];
  const file = { path: envFile, content: `${lines.join("\n")}\n` };
  const others = content.files.filter((f) => f.path !== envFile);
  return { ...content, envFile, files: [...others, file] };
}
