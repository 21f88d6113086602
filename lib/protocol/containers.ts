import { z } from "zod";
import { ImageRefSchema } from "./images";

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

/**
 * The security-relevant part of a container's inspect, in the Engine API's own shape (user,
 * HostConfig privileges, namespaces, limits, devices, mounts), so the checks that read a full
 * inspect read this too. The agent keeps one per container and refreshes it on `update`.
 */
export const SecurityDigestSchema = z.object({
  Config: z.object({ User: z.string().optional() }),
  HostConfig: z.record(z.string(), z.unknown()),
  Mounts: z.array(z.record(z.string(), z.unknown())),
});
export type SecurityDigest = z.infer<typeof SecurityDigestSchema>;

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
  /** What the container may do on its host, for the fleet security page; absent when unknown. */
  security: SecurityDigestSchema.optional(),
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

export const ContainerPathSchema = z
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

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const IPv4Schema = z.string().trim().regex(IPV4, "Not an IPv4 address.");
export const IPv6Schema = z
  .string()
  .trim()
  .refine((v) => v.includes(":") && isIPv6(v), "Not an IPv6 address.");
export const IpSchema = z
  .string()
  .trim()
  .refine((v) => IPV4.test(v) || isIPv6(v), "Not an IP address.");

function isIPv6(value: string): boolean {
  // Hex groups, at most one "::", optionally ending in an IPv4 address; no zone ids.
  if (!/^[0-9a-fA-F:.]+$/.test(value) || value.split("::").length > 2) return false;
  let groups = value.split(":");
  const last = groups[groups.length - 1] ?? "";
  let width = 8;
  if (last.includes(".")) {
    if (!IPV4.test(last)) return false;
    groups = groups.slice(0, -1);
    width = 6;
  }
  const filled = groups.filter((g) => g !== "");
  if (filled.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return value.includes("::") ? filled.length < width : filled.length === width;
}

/** Letters, digits and _ . - starting with a letter or digit: never a path, never a query. */
const EngineObjectNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    "Use letters, digits and _ . - (starting with a letter or digit).",
  );

/**
 * A network name as it may appear in an Engine API path (/networks/{name}/connect): it can
 * never carry `/`, `?` or `..` into the path.
 */
export const NetworkNameSchema = EngineObjectNameSchema;

/**
 * A named volume as the engine names them: never a path, so a volume entry can never turn into
 * a bind of a host directory.
 */
export const VolumeNameSchema = EngineObjectNameSchema;

/** A named volume mounted into a container or a service's tasks (created if missing). */
export const VolumeMountSchema = z.object({
  name: VolumeNameSchema,
  target: ContainerPathSchema,
  readOnly: z.boolean().default(false),
});

/** A host path bound into a container or a service's tasks. */
export const BindMountSchema = z.object({
  source: z.string().trim().startsWith("/", "Use an absolute path on the host."),
  target: ContainerPathSchema,
  readOnly: z.boolean().default(false),
});

/** Sharing another container's namespace: `container:<name or id>`. */
export const ContainerModeSchema = z
  .string()
  .trim()
  .regex(/^container:[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, "Write it as container:<name or id>.");

/** A Linux capability without its CAP_ prefix, e.g. NET_ADMIN, or ALL. */
export const CapabilitySchema = z
  .string()
  .trim()
  .transform((c) => c.toUpperCase().replace(/^CAP_/, ""))
  .pipe(z.string().regex(/^[A-Z][A-Z0-9_]*$/, "Not a capability name (e.g. NET_ADMIN)."));

/**
 * The image a container runs, as it goes into the engine's /images/{name}/json path: an image
 * reference or id, with no `.` or `..` path segment.
 */
export const RunImageSchema = ImageRefSchema.refine(
  (v) => !v.split("/").some((segment) => segment === "" || segment === "." || segment === ".."),
  "Not an image id or name.",
);

/** `--security-opt` besides no-new-privileges: `key=value` or `key:value`. */
export const SecurityOptSchema = z
  .string()
  .trim()
  .min(1)
  // A seccomp profile travels inline as JSON.
  .max(256 * 1024)
  .regex(/^[a-z-]+[=:].+$/s, "Write a security option as key=value, e.g. seccomp=unconfined.")
  .refine(
    (v) => !/^no-new-privileges\b/.test(v),
    "no-new-privileges has its own setting (noNewPrivileges).",
  );

export const SignalSchema = z
  .string()
  .trim()
  .regex(/^(SIG)?[A-Z0-9+-]+$|^\d+$/, "Not a signal name or number.");

/** Everything a `docker run` user sets, in one validated shape (form, pasted line and API). */
export const RunSpecSchema = z
  .object({
    image: RunImageSchema,
    name: ContainerNameSchema.optional(),
    command: z.array(z.string()).optional(),
    entrypoint: z.array(z.string()).optional(),
    workingDir: ContainerPathSchema.optional(),
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
    volumes: z.array(VolumeMountSchema).default([]),
    /** Host paths bound into the container. */
    binds: z.array(BindMountSchema).default([]),
    tmpfs: z
      .array(
        z.object({ target: ContainerPathSchema, options: z.string().trim().max(200).optional() }),
      )
      .default([]),
    /** User-defined or built-in networks (bridge); the first is the one the container starts on. */
    networks: z
      .array(
        z.object({
          // host and none are only ever the modes, so the mode is said in one place
          name: NetworkNameSchema.refine(
            (n) => n !== "host" && n !== "none",
            "host and none are network modes (networkMode), not networks to join.",
          ),
          aliases: z.array(z.string().trim().min(1).max(253)).default([]),
          /** Static addresses on this network (it needs a subnet the address lies in). */
          ipv4Address: IPv4Schema.optional(),
          ipv6Address: IPv6Schema.optional(),
        }),
      )
      .default([]),
    /** `--network host|none|container:<name>`: no networks of its own then. */
    networkMode: z.union([z.enum(["host", "none"]), ContainerModeSchema]).optional(),
    /** `--pid host|container:<name>` */
    pidMode: z.union([z.literal("host"), ContainerModeSchema]).optional(),
    /** `--ipc private|shareable|none|host|container:<name>` */
    ipcMode: z
      .union([z.enum(["private", "shareable", "none", "host"]), ContainerModeSchema])
      .optional(),
    /** `--uts host` */
    utsMode: z.literal("host").optional(),
    /** `--userns host` (when the engine remaps users, this turns it off for the container) */
    usernsMode: z.literal("host").optional(),
    /** `--cgroupns host|private` */
    cgroupnsMode: z.enum(["host", "private"]).optional(),
    macAddress: z
      .string()
      .trim()
      .regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/, "Write a MAC address as 02:42:ac:11:00:02.")
      .optional(),
    dns: z.array(IpSchema).default([]),
    dnsSearch: z.array(z.string().trim().min(1).max(253)).default([]),
    dnsOptions: z.array(z.string().trim().min(1).max(100)).default([]),
    /** `--add-host name:ip` (ip may be `host-gateway`) */
    extraHosts: z
      .array(
        z.object({
          host: z
            .string()
            .trim()
            .regex(/^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/, "Not a host name.")
            .max(253),
          ip: z.union([IpSchema, z.literal("host-gateway")]),
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
    /** `--cpu-shares`: relative weight against other containers. */
    cpuShares: z.number().int().min(2).max(262144).optional(),
    /** `--cpuset-cpus`, e.g. "0-2,4". */
    cpusetCpus: z
      .string()
      .trim()
      .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, "List CPUs as 0-2,4.")
      .optional(),
    memoryReservationBytes: z.number().int().positive().optional(),
    /** `--memory-swap`: memory plus swap; -1 for unlimited swap. */
    memorySwapBytes: z.number().int().min(-1).optional(),
    shmSizeBytes: z.number().int().positive().optional(),
    ulimits: z
      .array(
        z.object({
          name: z
            .string()
            .trim()
            .regex(/^[a-z]+$/, "Not a ulimit name (nofile, nproc, core, ...)."),
          soft: z.number().int().min(-1),
          hard: z.number().int().min(-1),
        }),
      )
      .default([]),
    readOnlyRootfs: z.boolean().default(false),
    privileged: z.boolean().default(false),
    capAdd: z.array(CapabilitySchema).default([]),
    capDrop: z.array(CapabilitySchema).default([]),
    noNewPrivileges: z.boolean().default(false),
    /** `--security-opt` values other than no-new-privileges, e.g. `seccomp=unconfined`, `label=…`. */
    securityOpt: z.array(SecurityOptSchema).default([]),
    /** `--device /dev/x[:/dev/y[:rwm]]` */
    devices: z
      .array(
        z.object({
          hostPath: z.string().trim().startsWith("/", "Use an absolute path on the host."),
          containerPath: ContainerPathSchema.optional(),
          permissions: z
            .string()
            .regex(/^(?!.*(.).*\1)[rwm]{1,3}$/, "Permissions are r, w and m, e.g. rwm.")
            .default("rwm"),
        }),
      )
      .default([]),
    /** `--gpus all`, `--gpus 2`, `--gpus '"device=0,1"'` */
    gpus: z
      .object({
        /** "all" or a number of GPUs; leave out when naming devices. */
        count: z.union([z.literal("all"), z.number().int().positive()]).optional(),
        deviceIds: z.array(z.string().trim().min(1)).default([]),
        capabilities: z.array(z.string().trim().min(1)).default(["gpu"]),
        driver: z.string().trim().max(100).optional(),
      })
      .optional(),
    /** `--sysctl name=value` */
    sysctls: z
      .record(
        z.string().regex(/^[a-z0-9_]+(\.[a-zA-Z0-9_*-]+)+$/, "Not a sysctl name."),
        z.string(),
      )
      .default({}),
    /** `--cgroup-parent` */
    cgroupParent: z.string().trim().min(1).max(4096).optional(),
    /** `--group-add`: extra groups for the container's user, by name or id. */
    groupAdd: z.array(z.string().trim().min(1).max(100)).default([]),
    /** `--init`: run an init process as PID 1 that reaps zombies and forwards signals. */
    init: z.boolean().optional(),
    /** `--stop-signal` */
    stopSignal: SignalSchema.optional(),
    /** `--stop-timeout`: seconds between the stop signal and SIGKILL. */
    stopTimeoutSeconds: z.number().int().min(0).max(3600).optional(),
    /** `--log-driver` and `--log-opt` */
    logDriver: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/, "Not a log driver name.")
      .max(200)
      .optional(),
    logOptions: z.record(z.string().trim().min(1), z.string()).default({}),
    /** `-i`: keep STDIN open (for a terminal attached later). */
    interactive: z.boolean().default(false),
    /** `-t`: allocate a pseudo-TTY. */
    tty: z.boolean().default(false),
    /** `--expose`: container ports made known without publishing them. */
    expose: z
      .array(
        z.object({ port: PortNumber, protocol: z.enum(["tcp", "udp", "sctp"]).default("tcp") }),
      )
      .default([]),
    domainname: z.string().trim().max(253).optional(),
    /** `--platform os[/arch[/variant]]` for the image to pull and run. */
    platform: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(\/[a-z0-9_]+){0,2}$/, "Write a platform as os/arch, e.g. linux/arm64.")
      .optional(),
    /** `--pull always|missing|never` */
    pullPolicy: z.enum(["always", "missing", "never"]).default("missing"),
    /** Edit (recreate) pulls the image again first, to pick up a newer one under the same tag. */
    repullOnRecreate: z.boolean().default(false),
    labels: z.record(z.string(), z.string()).default({}),
    healthcheck: HealthcheckSchema.optional(),
    autoRemove: z.boolean().default(false),
    /** Start the container once it is created. */
    start: z.boolean().default(true),
  })
  .superRefine((spec, ctx) => {
    const conflict = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    const mode = spec.networkMode;
    if (mode && spec.networks.length > 0)
      conflict(
        "networkMode",
        "A container on the host's network, no network or another container's network joins no other networks.",
      );
    // What the engine refuses on a container that shares another's network (and MAC on host).
    if (mode?.startsWith("container:")) {
      const shared = "comes from the container whose network this one shares.";
      if (spec.hostname) conflict("hostname", `The host name ${shared}`);
      if (spec.domainname) conflict("domainname", `The domain name ${shared}`);
      if (spec.dns.length > 0) conflict("dns", `DNS ${shared}`);
      if (spec.extraHosts.length > 0) conflict("extraHosts", `/etc/hosts ${shared}`);
      if (spec.ports.length > 0 || spec.publishAll)
        conflict("ports", `Published ports belong to the container whose network this one shares.`);
      if (spec.expose.length > 0)
        conflict("expose", "Exposed ports belong to the container whose network this one shares.");
    }
    if (spec.macAddress && (mode === "host" || mode?.startsWith("container:")))
      conflict("macAddress", "A MAC address needs a network of the container's own.");
    if (spec.hostname && spec.utsMode === "host")
      conflict("hostname", "With the host's UTS namespace the container has the host's name.");
    if (spec.repullOnRecreate && spec.pullPolicy === "never")
      conflict("repullOnRecreate", "Re-pulling on recreate needs a pull policy other than never.");
  });
export type RunSpec = z.infer<typeof RunSpecSchema>;
export type RunSpecInput = z.input<typeof RunSpecSchema>;

export const StopParamsSchema = z.object({
  id: ContainerRefSchema,
  timeoutSeconds: z.number().int().min(0).max(3600).optional(),
});

export const KillParamsSchema = z.object({
  id: ContainerRefSchema,
  signal: SignalSchema.optional(),
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
