import { z } from "zod";

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
