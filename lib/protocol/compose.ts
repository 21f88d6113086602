import { z } from "zod";
import { RunSpecSchema } from "./containers";
import { RegistryAuthSchema } from "./images";
import { NetworkSpecSchema } from "./networks";
import { VolumeCreateSchema } from "./volumes";

/** A problem in a compose file or `.env`, at the place the user has to edit. Lines are 1-based. */
export const ComposeProblemSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
});
export type ComposeProblem = z.infer<typeof ComposeProblemSchema>;

/** A published port in long form, as compose canonicalises `"127.0.0.1:8080:80/udp"`. */
export const ComposePortSchema = z.object({
  target: z.number().int().min(1).max(65535),
  /** A port or a range (`"8000-8010"`); absent lets the engine pick one. */
  published: z.string().optional(),
  hostIp: z.string().optional(),
  protocol: z.enum(["tcp", "udp", "sctp"]),
});
export type ComposePort = z.infer<typeof ComposePortSchema>;

/** A mount in long form, as compose canonicalises `"data:/var/lib:ro"`. */
export const ComposeVolumeMountSchema = z.object({
  type: z.enum(["volume", "bind", "tmpfs"]),
  /** Volume key or host path; absent for anonymous volumes and tmpfs. */
  source: z.string().optional(),
  target: z.string().startsWith("/"),
  readOnly: z.boolean(),
  /** `tmpfs.size` of a long-form tmpfs mount, in bytes. */
  tmpfsSize: z.number().int().positive().optional(),
});
export type ComposeVolumeMount = z.infer<typeof ComposeVolumeMountSchema>;

export const ComposeDependencySchema = z.object({
  condition: z.enum(["service_started", "service_healthy", "service_completed_successfully"]),
  /** A dependency that fails or is absent only warns when false. */
  required: z.boolean(),
  /** Restart this service when compose restarts or recreates the dependency. */
  restart: z.boolean(),
});
export type ComposeDependency = z.infer<typeof ComposeDependencySchema>;

const StringOrList = z.union([z.string(), z.array(z.string())]);

/**
 * One service after merge, `extends` and normalisation. The fields Berth interprets are typed;
 * the others stay as compose wrote them, for the deploy step to read.
 */
export const ComposeServiceSchema = z.looseObject({
  image: z.string().optional(),
  command: StringOrList.nullable().optional(),
  entrypoint: StringOrList.nullable().optional(),
  /** A `KEY` written without a value and unset in the interpolation environment is dropped. */
  environment: z.record(z.string(), z.string()),
  ports: z.array(ComposePortSchema),
  volumes: z.array(ComposeVolumeMountSchema),
  depends_on: z.record(z.string(), ComposeDependencySchema),
  profiles: z.array(z.string()),
});
export type ComposeService = z.infer<typeof ComposeServiceSchema>;

/** A loaded project: only enabled services; `disabledServices` are kept because they are not orphans. */
export const ComposeProjectSchema = z.object({
  name: z.string().optional(),
  services: z.record(z.string(), ComposeServiceSchema),
  disabledServices: z.array(z.string()),
  networks: z.record(z.string(), z.unknown()),
  volumes: z.record(z.string(), z.unknown()),
});
export type ComposeProject = z.infer<typeof ComposeProjectSchema>;

/**
 * A compose project name as `docker compose` normalises it: lowercase letters, digits, `_` and
 * `-`, starting with a letter or digit. Engine object names are derived from it.
 */
export const ComposeProjectNameSchema = z
  .string()
  .trim()
  .min(1, "Give the stack a name.")
  .max(63, "A stack name has at most 63 characters.")
  .regex(
    /^[a-z0-9][a-z0-9_-]*$/,
    "A stack name uses lowercase letters, digits, '_' and '-', and starts with a letter or digit.",
  );

/**
 * A file of a stack, relative to the stack's folder: no absolute paths, no `..`, no NUL, no
 * backslashes, so no file can be written or read outside the folder.
 */
export const StackFilePathSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((p) => !p.includes("\0") && !p.includes("\\"), "A file path cannot hold NUL or '\\'.")
  .refine((p) => !p.startsWith("/"), "File paths are relative to the stack's folder.")
  .refine(
    (p) => p.split("/").every((part) => part !== ".." && part !== ""),
    "A file path may not climb out of the stack's folder with '..' or hold empty parts.",
  );

/** Source files travel inside one socket message (2 MiB), so a stack's files stay below this. */
export const STACK_FILES_MAX_BYTES = 1536 * 1024;

export const StackFileSchema = z.object({
  path: StackFilePathSchema,
  content: z.string(),
});
export type StackFile = z.infer<typeof StackFileSchema>;

/** Everything the agent needs to load a project: the stack's files and how to read them. */
export const ComposeSourceSchema = z
  .object({
    project: ComposeProjectNameSchema,
    /** Compose files, `.env`, env_files, Dockerfiles and build contexts, config and secret files. */
    files: z.array(StackFileSchema).max(500),
    /** The compose files among `files`, in merge order (later files override earlier ones). */
    composeFiles: z.array(StackFilePathSchema).min(1).max(10),
    /** The interpolation file among `files`; `.env` is read when present and this is unset. */
    envFile: StackFilePathSchema.optional(),
    /** Variables given on deploy (template fill-ins); they override the env file. */
    environment: z.record(z.string(), z.string()).default({}),
    profiles: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  })
  .superRefine((source, ctx) => {
    const paths = new Set(source.files.map((f) => f.path));
    source.composeFiles.forEach((p, i) => {
      if (!paths.has(p))
        ctx.addIssue({
          code: "custom",
          path: ["composeFiles", i],
          message: `${p} is not a file of the stack.`,
        });
    });
    const encoder = new TextEncoder();
    const bytes = source.files.reduce((n, f) => n + encoder.encode(f.content).length, 0);
    if (bytes > STACK_FILES_MAX_BYTES)
      ctx.addIssue({
        code: "custom",
        path: ["files"],
        message: `The stack's files hold ${Math.ceil(bytes / 1024)} KiB; at most ${STACK_FILES_MAX_BYTES / 1024} KiB travel to a host. Build large images separately and refer to them by name.`,
      });
  });
export type ComposeSource = z.infer<typeof ComposeSourceSchema>;
export type ComposeSourceInput = z.input<typeof ComposeSourceSchema>;

/** `build:` of a service, with its context confined to the stack's folder. */
export const ComposeBuildSchema = z.object({
  /** A folder of the stack ("." is the stack's folder). */
  context: z.string(),
  dockerfile: z.string().default("Dockerfile"),
  dockerfileInline: z.string().optional(),
  args: z.record(z.string(), z.string()).default({}),
  target: z.string().optional(),
  labels: z.record(z.string(), z.string()).default({}),
  noCache: z.boolean().default(false),
  /** Pull newer base images while building. */
  pull: z.boolean().default(false),
});
export type ComposeBuild = z.infer<typeof ComposeBuildSchema>;

/** A config or secret: its content is copied into each container before it starts. */
export const ComposeFileMountSchema = z.object({
  kind: z.enum(["config", "secret"]),
  /** The key under top-level configs: or secrets:. */
  name: z.string(),
  /** Where the container sees it: /<name> for configs, /run/secrets/<name> for secrets by default. */
  target: z.string().startsWith("/"),
  content: z.string(),
  mode: z.number().int().min(0).max(0o7777).optional(),
  uid: z.string().optional(),
  gid: z.string().optional(),
});
export type ComposeFileMount = z.infer<typeof ComposeFileMountSchema>;

/**
 * One service, compiled for the engine. `spec` is what the host security policy judges and what
 * every replica is created from (the agent adds the compose labels and the container name).
 */
export const ComposePlannedServiceSchema = z.object({
  name: z.string(),
  spec: RunSpecSchema,
  replicas: z.number().int().min(0).max(100),
  /** `container_name:` (then at most one replica). */
  containerName: z.string().optional(),
  /** sha256 of the normalised service without build, pull_policy, scale, replicas, depends_on, profiles. */
  configHash: z.string().regex(/^[0-9a-f]{64}$/),
  dependsOn: z.record(z.string(), ComposeDependencySchema),
  build: ComposeBuildSchema.optional(),
  pullPolicy: z.enum(["always", "missing", "never", "build"]),
  files: z.array(ComposeFileMountSchema).default([]),
});
export type ComposePlannedService = z.infer<typeof ComposePlannedServiceSchema>;

export const ComposePlannedNetworkSchema = z.object({
  /** The key in the compose file (`default`, `backend`). */
  key: z.string(),
  /** The engine's name: `<project>_<key>`, `name:`, or the external network's name. */
  name: z.string(),
  external: z.boolean(),
  /** What to create (absent for external networks); judged by the network policy. */
  spec: NetworkSpecSchema.optional(),
});
export type ComposePlannedNetwork = z.infer<typeof ComposePlannedNetworkSchema>;

export const ComposePlannedVolumeSchema = z.object({
  key: z.string(),
  name: z.string(),
  external: z.boolean(),
  /** What to create (absent for external volumes); a bind-like local volume is judged like a bind. */
  spec: VolumeCreateSchema.optional(),
});
export type ComposePlannedVolume = z.infer<typeof ComposePlannedVolumeSchema>;

/** A loaded project compiled into the engine objects it stands for. */
export const ComposePlanSchema = z.object({
  project: ComposeProjectNameSchema,
  /** Absolute folder on the host the stack's files are written to (relative binds resolve here). */
  workingDir: z.string().startsWith("/"),
  /** Absolute paths of the compose files on the host (the config_files label). */
  configFiles: z.array(z.string()),
  services: z.array(ComposePlannedServiceSchema),
  networks: z.array(ComposePlannedNetworkSchema),
  volumes: z.array(ComposePlannedVolumeSchema),
  /** Services left out by profiles: not orphans. */
  disabledServices: z.array(z.string()),
  warnings: z.array(z.string()).default([]),
});
export type ComposePlan = z.infer<typeof ComposePlanSchema>;

/** What deploying the plan would do on the host now. */
export const ComposeActionSchema = z.object({
  kind: z.enum(["network", "volume", "image", "container"]),
  /** Engine name (container `web-1` as `<project>-web-1`). */
  target: z.string(),
  service: z.string().optional(),
  action: z.enum(["create", "recreate", "keep", "remove", "build", "pull", "start"]),
  /** Why, in words: "configuration changed", "orphan", "image missing". */
  reason: z.string().optional(),
});
export type ComposeAction = z.infer<typeof ComposeActionSchema>;

export const ComposePlanResultSchema = z.object({
  /** Empty when the project loaded; otherwise `plan` is null. */
  problems: z.array(ComposeProblemSchema),
  plan: ComposePlanSchema.nullable(),
  actions: z.array(ComposeActionSchema),
});
export type ComposePlanResult = z.infer<typeof ComposePlanResultSchema>;

/** One step of a deploy, down, start or stop, sent live as it happens. */
export const ComposeStepSchema = z.object({
  kind: z.enum(["network", "volume", "image", "container", "project"]),
  target: z.string(),
  service: z.string().optional(),
  /** "Creating", "Recreating", "Waiting for db to be healthy", "Pulling", "Building", ... */
  action: z.string(),
  state: z.enum(["running", "done", "failed"]),
  /** The engine's or compose's words on failure, a build or pull line while running. */
  message: z.string().optional(),
});
export type ComposeStep = z.infer<typeof ComposeStepSchema>;

export const ComposeUpParamsSchema = z.object({
  /** For build contexts and the files written to the working folder. */
  source: ComposeSourceSchema,
  /** The plan as the server judged it (bind sources resolved on the host). */
  plan: ComposePlanSchema,
  /** Pull every image first, even ones present (`--pull always`). */
  pull: z.boolean().default(false),
  removeOrphans: z.boolean().default(false),
  forceRecreate: z.boolean().default(false),
  /** Only these services (and what they depend on); all when absent. */
  services: z.array(z.string()).optional(),
  /** The host's policy lets containers bind the agent's protected paths (host admins' choice). */
  allowProtectedPaths: z.boolean().default(false),
  /**
   * Credentials by registry host ("docker.io", "registry.example.com:5000") for the services'
   * images and the base images of builds: the deployer's own, as for `docker pull`.
   */
  auths: z.record(z.string().max(300), RegistryAuthSchema).default({}),
});
export type ComposeUpParams = z.infer<typeof ComposeUpParamsSchema>;
export type ComposeUpParamsInput = z.input<typeof ComposeUpParamsSchema>;

export const ComposeStepsResultSchema = z.object({ steps: z.array(ComposeStepSchema) });
export type ComposeStepsResult = z.infer<typeof ComposeStepsResultSchema>;

export const ComposeDownParamsSchema = z.object({
  project: ComposeProjectNameSchema,
  /** Also the project's named volumes (`down -v`); external ones never. */
  removeVolumes: z.boolean().default(false),
  /** Also delete the stack's folder on the host. */
  removeFiles: z.boolean().default(true),
  timeoutSeconds: z.number().int().min(0).max(600).optional(),
});

export const ComposeLifecycleParamsSchema = z.object({
  project: ComposeProjectNameSchema,
  action: z.enum(["start", "stop", "restart"]),
  services: z.array(z.string()).optional(),
  timeoutSeconds: z.number().int().min(0).max(600).optional(),
});
export type ComposeLifecycleParams = z.infer<typeof ComposeLifecycleParamsSchema>;

export const ComposeContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  number: z.number().int().nullable(),
  /** created, running, paused, restarting, exited, dead */
  state: z.string(),
  status: z.string(),
  health: z.enum(["starting", "healthy", "unhealthy"]).nullable(),
  image: z.string(),
  ports: z.array(
    z.object({
      hostIp: z.string().optional(),
      published: z.number().int().optional(),
      target: z.number().int(),
      protocol: z.string(),
    }),
  ),
  configHash: z.string().nullable(),
  oneoff: z.boolean(),
  created: z.number(),
});
export type ComposeContainer = z.infer<typeof ComposeContainerSchema>;

/** A compose project found on a host by its labels, whoever started it. */
export const ComposeProjectSummarySchema = z.object({
  name: z.string(),
  workingDir: z.string().nullable(),
  configFiles: z.array(z.string()),
  services: z.array(
    z.object({ name: z.string(), image: z.string(), containers: z.array(ComposeContainerSchema) }),
  ),
  networks: z.array(z.object({ name: z.string(), key: z.string().nullable() })),
  volumes: z.array(z.object({ name: z.string(), key: z.string().nullable() })),
});
export type ComposeProjectSummary = z.infer<typeof ComposeProjectSummarySchema>;

/** Loading and compiling a project (agent/src/compose). */
export const ComposePlanCommands = {
  /** Load, validate and compile a project; what deploying it would change. Reads nothing but the engine. */
  "compose.plan": { params: ComposeSourceSchema, result: ComposePlanResultSchema },
} as const;

/** Applying plans and reading projects on the engine (agent/src/compose). */
export const ComposeApplyCommands = {
  /** Converge the host on the plan; each step on the call's progress channel (`progress.step`). */
  "compose.up": { params: ComposeUpParamsSchema, result: ComposeStepsResultSchema },
  "compose.down": { params: ComposeDownParamsSchema, result: ComposeStepsResultSchema },
  "compose.lifecycle": { params: ComposeLifecycleParamsSchema, result: ComposeStepsResultSchema },
  /** Every project on the host by its com.docker.compose.* labels. */
  "compose.list": {
    params: z.object({}),
    result: z.object({ projects: z.array(ComposeProjectSummarySchema) }),
  },
} as const;
