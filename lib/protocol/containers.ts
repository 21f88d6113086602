import { z } from "zod";

/** Container names as the engine accepts them. */
export const ContainerNameSchema = z
  .string()
  .trim()
  .regex(
    /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    "Use letters, digits and _ . - (starting with a letter or digit).",
  )
  .max(128);

/** A container id or name on one host. */
export const ContainerRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, "Not a container id or name.");

export const ContainerStateSchema = z.enum([
  "created",
  "running",
  "paused",
  "restarting",
  "removing",
  "exited",
  "dead",
]);
export type ContainerState = z.infer<typeof ContainerStateSchema>;

export const HealthSchema = z.enum(["healthy", "unhealthy", "starting", "none"]);
export type Health = z.infer<typeof HealthSchema>;

export const PublishedPortSchema = z.object({
  ip: z.string().optional(),
  privatePort: z.number().int(),
  publicPort: z.number().int().optional(),
  type: z.string(),
});
export type PublishedPort = z.infer<typeof PublishedPortSchema>;

/** One row of the container list, as the agent reports it. */
export const ContainerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  createdAt: z.number(),
  state: ContainerStateSchema,
  /** The engine's own words, e.g. "Up 5 minutes (healthy)". */
  status: z.string(),
  health: HealthSchema,
  ports: z.array(PublishedPortSchema),
  labels: z.record(z.string(), z.string()),
  networks: z.array(z.string()),
  /** Live usage from the agent's cgroup sweep; null while not running or not yet measured. */
  cpuPercent: z.number().nullable(),
  memoryBytes: z.number().nullable(),
});
export type ContainerSummary = z.infer<typeof ContainerSummarySchema>;

const PortNumber = z.number().int().min(1).max(65535);

export const PortMappingSchema = z.object({
  hostIp: z.string().trim().max(64).optional(),
  /** Omitted: the engine picks a free port. */
  hostPort: PortNumber.optional(),
  containerPort: PortNumber,
  protocol: z.enum(["tcp", "udp", "sctp"]).default("tcp"),
});
export type PortMapping = z.infer<typeof PortMappingSchema>;

const ContainerPath = z
  .string()
  .trim()
  .min(1)
  .startsWith("/", "Use an absolute path inside the container.");

export const RestartPolicySchema = z.object({
  name: z.enum(["no", "always", "unless-stopped", "on-failure"]).default("no"),
  maxRetries: z.number().int().min(0).max(1000).optional(),
});

export const HealthcheckSchema = z.object({
  /** ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"] as in the Engine API. */
  test: z.array(z.string()).min(1),
  intervalSeconds: z.number().positive().optional(),
  timeoutSeconds: z.number().positive().optional(),
  startPeriodSeconds: z.number().nonnegative().optional(),
  retries: z.number().int().min(0).optional(),
});

/** Everything a `docker run` user sets, in one validated shape (form, pasted line and API). */
export const RunSpecSchema = z.object({
  image: z.string().trim().min(1, "Name an image.").max(512),
  name: ContainerNameSchema.optional(),
  command: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  workingDir: ContainerPath.optional(),
  user: z.string().trim().max(100).optional(),
  hostname: z.string().trim().max(253).optional(),
  env: z
    .array(
      z.object({
        key: z
          .string()
          .trim()
          .min(1)
          .regex(/^[^=]+$/, "A name cannot contain '='."),
        value: z.string(),
      }),
    )
    .default([]),
  ports: z.array(PortMappingSchema).default([]),
  publishAll: z.boolean().default(false),
  /** Named volumes (created if missing). */
  volumes: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(255),
        target: ContainerPath,
        readOnly: z.boolean().default(false),
      }),
    )
    .default([]),
  /** Host paths bound into the container. */
  binds: z
    .array(
      z.object({
        source: z.string().trim().startsWith("/", "Use an absolute path on the host."),
        target: ContainerPath,
        readOnly: z.boolean().default(false),
      }),
    )
    .default([]),
  tmpfs: z
    .array(z.object({ target: ContainerPath, options: z.string().trim().max(200).optional() }))
    .default([]),
  networks: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(255),
        aliases: z.array(z.string().trim().min(1)).default([]),
      }),
    )
    .default([]),
  restartPolicy: RestartPolicySchema.default({ name: "no" }),
  /** Fractional CPUs, e.g. 0.5. */
  cpus: z.number().positive().max(1024).optional(),
  memoryBytes: z
    .number()
    .int()
    .min(6 * 1024 * 1024, "The engine needs at least 6 MiB.")
    .optional(),
  pidsLimit: z.number().int().positive().optional(),
  readOnlyRootfs: z.boolean().default(false),
  privileged: z.boolean().default(false),
  capAdd: z.array(z.string().trim().min(1)).default([]),
  capDrop: z.array(z.string().trim().min(1)).default([]),
  noNewPrivileges: z.boolean().default(false),
  labels: z.record(z.string(), z.string()).default({}),
  healthcheck: HealthcheckSchema.optional(),
  autoRemove: z.boolean().default(false),
  /** Start the container once it is created. */
  start: z.boolean().default(true),
});
export type RunSpec = z.infer<typeof RunSpecSchema>;
export type RunSpecInput = z.input<typeof RunSpecSchema>;

export const StopParamsSchema = z.object({
  id: ContainerRefSchema,
  timeoutSeconds: z.number().int().min(0).max(3600).optional(),
});

export const KillParamsSchema = z.object({
  id: ContainerRefSchema,
  signal: z
    .string()
    .trim()
    .regex(/^(SIG)?[A-Z0-9+-]+$|^\d+$/, "Not a signal name or number.")
    .optional(),
});

export const RemoveParamsSchema = z.object({
  id: ContainerRefSchema,
  force: z.boolean().default(false),
  removeVolumes: z.boolean().default(false),
});

export const RenameParamsSchema = z.object({ id: ContainerRefSchema, name: ContainerNameSchema });

export const CommitParamsSchema = z.object({
  id: ContainerRefSchema,
  repository: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[a-z0-9]+([._/:-][a-z0-9]+)*$/, "Not a valid repository name."),
  tag: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "Not a valid tag.")
    .default("latest"),
  comment: z.string().max(1000).optional(),
  author: z.string().max(200).optional(),
  pause: z.boolean().default(true),
});

export const TopResultSchema = z.object({
  titles: z.array(z.string()),
  processes: z.array(z.array(z.string())),
});

export const ChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(["modified", "added", "deleted"]),
});
export const DiffResultSchema = z.object({ changes: z.array(ChangeSchema) });

/** An engine event forwarded by the agent for live lists. */
export const ContainerChangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("upsert"), container: ContainerSummarySchema }),
  z.object({ kind: z.literal("remove"), id: z.string() }),
]);
export type ContainerChange = z.infer<typeof ContainerChangeSchema>;

export const ContainerStatsItemSchema = z.object({
  id: z.string(),
  cpuPercent: z.number().nullable(),
  memoryBytes: z.number().nullable(),
});
export const ContainerStatsMessageSchema = z.object({ items: z.array(ContainerStatsItemSchema) });
export type ContainerStatsItem = z.infer<typeof ContainerStatsItemSchema>;
export type ContainerStatsMessage = z.infer<typeof ContainerStatsMessageSchema>;
