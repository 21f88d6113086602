import { z } from "zod";
import {
  BindMountSchema,
  CapabilitySchema,
  ContainerPathSchema,
  IPv4Schema,
  RunImageSchema,
  VolumeMountSchema,
} from "./containers";
import { CidrSchema, NetworkRefSchema, NewNetworkNameSchema } from "./networks";

/** The port swarm managers listen on for nodes joining and for the swarm's own traffic. */
export const SWARM_PORT = 2377;

/** A swarm object's id (node, service, task, network) as the engine writes them. */
export const SwarmIdSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9]{1,64}$/, "Not a swarm id.");

/** A swarm join token: only ever between the server and an agent, never shown or logged. */
export const JoinTokenSchema = z
  .string()
  .regex(/^SWMTKN-1-[a-zA-Z0-9-]{20,200}$/, "Not a swarm join token.");

/** What one engine says about its own place in a swarm (`docker info` Swarm). */
export const SwarmStatusSchema = z.object({
  /** inactive, pending, active, error or locked, in the engine's words. */
  state: z.string(),
  /** This engine's node id; empty outside a swarm. */
  nodeId: z.string(),
  /** The address this node advertises to the others. */
  nodeAddr: z.string(),
  manager: z.boolean(),
  /** The swarm's id; only managers know it. */
  clusterId: z.string(),
  /** Managers this node knows of, with the addresses it reaches them on. */
  remoteManagers: z.array(z.object({ nodeId: z.string(), addr: z.string() })),
  /** Why the node is in the error state, in the engine's words. */
  error: z.string(),
});
export type SwarmStatus = z.infer<typeof SwarmStatusSchema>;

export const SwarmInitParamsSchema = z.object({
  advertiseAddr: IPv4Schema,
  /** Subnets overlay networks get their subnets from (the engine's default is 10.0.0.0/8). */
  defaultAddrPool: CidrSchema.optional(),
});

export const SwarmJoinParamsSchema = z.object({
  advertiseAddr: IPv4Schema,
  /** A manager's address and port. */
  remoteAddr: z.string().regex(/^[0-9.]+:\d{1,5}$/, "Not an address:port."),
  joinToken: JoinTokenSchema,
});

export const NODE_AVAILABILITIES = ["active", "pause", "drain"] as const;
export const NodeAvailabilitySchema = z.enum(NODE_AVAILABILITIES);
export type NodeAvailability = z.infer<typeof NodeAvailabilitySchema>;

export const NodeRoleSchema = z.enum(["manager", "worker"]);
export type NodeRole = z.infer<typeof NodeRoleSchema>;

/** One node as a manager lists it (`docker node ls`). */
export const SwarmNodeSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  role: NodeRoleSchema,
  availability: NodeAvailabilitySchema,
  /** ready, down, unknown or disconnected. */
  state: z.string(),
  /** The address the manager sees the node at. */
  addr: z.string(),
  /** The node's state message, e.g. why it is down. */
  message: z.string(),
  leader: z.boolean(),
  /** Managers only: reachable, unreachable or unknown. */
  reachability: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
});
export type SwarmNode = z.infer<typeof SwarmNodeSchema>;

/** A swarm-scoped overlay network as a manager knows it. */
export const SwarmNetworkSchema = z.object({
  id: z.string(),
  name: z.string(),
  encrypted: z.boolean(),
  attachable: z.boolean(),
  subnets: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  createdAt: z.number(),
});
export type SwarmNetwork = z.infer<typeof SwarmNetworkSchema>;

/** The overlay network the manager creates: attachable, so plain containers may join it. */
export const OverlayNetworkSpecSchema = z.object({
  name: NewNetworkNameSchema,
  /** IPsec between hosts for the network's traffic (`--opt encrypted`). */
  encrypted: z.boolean().default(false),
  subnet: CidrSchema.optional(),
});
export type OverlayNetworkSpec = z.infer<typeof OverlayNetworkSpecSchema>;

/** A host to put in the swarm: the address it advertises defaults to one of its interfaces. */
export const SwarmMemberSchema = z.object({
  hostId: z.string().min(1).max(100),
  advertiseAddr: IPv4Schema.optional(),
});

/** "Create an overlay network across these hosts": the form and the API. */
export const OverlayNetworkRequestSchema = OverlayNetworkSpecSchema.extend({
  hosts: z
    .array(SwarmMemberSchema)
    .min(1, "Pick at least one host.")
    .max(50)
    .refine(
      (hosts) => new Set(hosts.map((h) => h.hostId)).size === hosts.length,
      "Each host once.",
    ),
  /** When a new swarm is formed: where overlay subnets come from. */
  defaultAddrPool: CidrSchema.optional(),
});
export type OverlayNetworkRequest = z.infer<typeof OverlayNetworkRequestSchema>;
export type OverlayNetworkRequestInput = z.input<typeof OverlayNetworkRequestSchema>;

const PortNumber = z.number().int().min(1).max(65535);
const KeyValueSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .regex(/^[^=]+$/, "A name cannot contain '='."),
  value: z.string(),
});
/** A swarm secret's or config's short name: the file under /run/secrets or the config target. */
const ObjectNameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, "Use letters, digits and _ . - (up to 64).");

/** `node.labels.zone == a`, `node.role != manager`, `node.hostname == x`: a placement constraint. */
export const PlacementConstraintSchema = z
  .string()
  .trim()
  .regex(
    /^(node\.(id|hostname|role|platform\.os|platform\.arch|labels\.[a-zA-Z0-9_.-]+)|engine\.labels\.[a-zA-Z0-9_.-]+)\s*(==|!=)\s*[^\s=!]+$/,
    "Write a constraint as node.labels.zone==a, node.role!=manager or node.hostname==web1.",
  );

const UpdatePolicySchema = z.object({
  /** Tasks updated at once; 0 means all at once. */
  parallelism: z.number().int().min(0).max(100).default(1),
  delaySeconds: z.number().min(0).max(3600).default(0),
  failureAction: z.enum(["pause", "continue", "rollback"]).default("pause"),
  order: z.enum(["stop-first", "start-first"]).default("stop-first"),
  /** How long each updated task is watched for failing before the update goes on. */
  monitorSeconds: z.number().min(0).max(3600).default(5),
});

const ResourcesSchema = z.object({
  cpus: z.number().positive().max(1024).optional(),
  memoryBytes: z
    .number()
    .int()
    .min(6 * 1024 * 1024)
    .optional(),
});

/**
 * A swarm service as Berth creates it: `docker service create` with the endpoint mode always
 * dnsrr and ports always published in host mode (no IPVS needed). Field names follow RunSpec
 * where they mean the same, so a policy violation's field names the service form's field.
 */
export const ServiceSpecSchema = z
  .object({
    name: ObjectNameSchema,
    image: RunImageSchema,
    mode: z.enum(["replicated", "global"]).default("replicated"),
    replicas: z.number().int().min(0).max(1000).default(1),
    command: z.array(z.string()).optional(),
    env: z.array(KeyValueSchema).default([]),
    /** Berth hosts the tasks may run on (node.id constraints); empty: any node. */
    hostIds: z.array(z.string().min(1).max(100)).max(100).default([]),
    constraints: z.array(PlacementConstraintSchema).max(20).default([]),
    /** Published on the node a task runs on (host mode). */
    ports: z
      .array(
        z.object({
          hostPort: PortNumber,
          containerPort: PortNumber,
          protocol: z.enum(["tcp", "udp", "sctp"]).default("tcp"),
        }),
      )
      .default([]),
    networks: z.array(NetworkRefSchema).max(20).default([]),
    volumes: z.array(VolumeMountSchema).default([]),
    binds: z.array(BindMountSchema).default([]),
    /** In-memory file systems at these paths, gone when the task ends. */
    tmpfs: z
      .array(
        z.object({
          target: ContainerPathSchema,
          sizeBytes: z.number().int().positive().optional(),
        }),
      )
      .max(20)
      .default([]),
    capAdd: z.array(CapabilitySchema).default([]),
    /** Created as swarm secrets of the service; mounted at /run/secrets/<name>. Never read back. */
    secrets: z
      .array(z.object({ name: ObjectNameSchema, value: z.string().min(1).max(500_000) }))
      .max(20)
      .default([]),
    /** Created as swarm configs of the service; mounted at their target. */
    configs: z
      .array(
        z.object({
          name: ObjectNameSchema,
          target: ContainerPathSchema,
          value: z.string().max(500_000),
        }),
      )
      .max(20)
      .default([]),
    /** How long a task gets to stop after SIGTERM before it is killed (`--stop-grace-period`). */
    stopGracePeriodSeconds: z.number().min(0).max(3600).default(10),
    limits: ResourcesSchema.default({}),
    reservations: ResourcesSchema.default({}),
    restartPolicy: z
      .object({
        condition: z.enum(["none", "on-failure", "any"]).default("any"),
        maxAttempts: z.number().int().min(0).max(1000).optional(),
        delaySeconds: z.number().min(0).max(3600).default(5),
        /** How long a restart is watched before it counts as having worked (`--restart-window`). */
        windowSeconds: z.number().min(0).max(86_400).optional(),
      })
      .default({ condition: "any", delaySeconds: 5 }),
    update: UpdatePolicySchema.default({
      parallelism: 1,
      delaySeconds: 0,
      failureAction: "pause",
      order: "stop-first",
      monitorSeconds: 5,
    }),
  })
  .superRefine((spec, ctx) => {
    if (spec.mode === "global" && spec.replicas !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["replicas"],
        message: "A global service runs one task on every node: it has no replica count.",
      });
    }
  });
export type ServiceSpec = z.infer<typeof ServiceSpecSchema>;
export type ServiceSpecInput = z.input<typeof ServiceSpecSchema>;

/** One task of a service: where it runs and how it is doing. */
export const ServiceTaskSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  /** Replicated services number their tasks; global ones have none. */
  slot: z.number().int().nullable(),
  nodeId: z.string(),
  /** new, pending, assigned, ..., running, complete, failed, shutdown, rejected, orphaned. */
  state: z.string(),
  desiredState: z.string(),
  message: z.string(),
  error: z.string(),
  image: z.string(),
  containerId: z.string().nullable(),
  updatedAt: z.number(),
});
export type ServiceTask = z.infer<typeof ServiceTaskSchema>;

/** A service as the cluster page lists it; `spec` is what Berth's form edits. */
export const ServiceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  mode: z.enum(["replicated", "global"]),
  replicas: z.number().int().nullable(),
  running: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The rolling update or rollback in progress or last done: updating, completed, paused, ... */
  updateState: z.string().nullable(),
  updateMessage: z.string().nullable(),
  /** The image before the last update, which a rollback returns to. */
  previousImage: z.string().nullable(),
  constraints: z.array(z.string()),
  ports: z.array(
    z.object({ hostPort: z.number(), containerPort: z.number(), protocol: z.string() }),
  ),
  networks: z.array(z.string()),
  update: UpdatePolicySchema,
  tasks: z.array(ServiceTaskSchema),
});
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>;

/** One line of a service's merged log. */
export const ServiceLogLineSchema = z.object({
  time: z.string(),
  taskId: z.string(),
  nodeId: z.string(),
  stream: z.enum(["o", "e"]),
  text: z.string(),
});
export type ServiceLogLine = z.infer<typeof ServiceLogLineSchema>;

/** What changes in a running service (`docker service update`): unset fields stay. */
export const ServiceUpdateSchema = z.object({
  image: RunImageSchema.optional(),
  replicas: z.number().int().min(0).max(1000).optional(),
  update: UpdatePolicySchema.partial().optional(),
});
export type ServiceUpdate = z.infer<typeof ServiceUpdateSchema>;

const Ok = z.object({ ok: z.literal(true) });
const ServiceParams = z.object({ id: SwarmIdSchema.or(ObjectNameSchema) });
const NodeParams = z.object({ nodeId: SwarmIdSchema });

/** Agent commands of the swarm area: joining, leaving, nodes and overlay networks. */
export const SwarmCommands = {
  "swarm.status": { params: z.object({}), result: SwarmStatusSchema },
  /** Refuses an advertise address that is not one of the host's own. */
  "swarm.init": { params: SwarmInitParamsSchema, result: z.object({ nodeId: z.string() }) },
  /** Refuses an advertise address that is not one of the host's own. */
  "swarm.join": { params: SwarmJoinParamsSchema, result: z.object({ nodeId: z.string() }) },
  "swarm.leave": { params: z.object({ force: z.boolean().default(false) }), result: Ok },
  /** Managers only. The tokens go to the server, which passes them to joining agents only. */
  "swarm.joinTokens": {
    params: z.object({}),
    result: z.object({ worker: JoinTokenSchema, manager: JoinTokenSchema }),
  },
  "swarm.nodes": { params: z.object({}), result: z.object({ nodes: z.array(SwarmNodeSchema) }) },
  "swarm.nodeUpdate": {
    params: NodeParams.extend({
      availability: NodeAvailabilitySchema.optional(),
      role: NodeRoleSchema.optional(),
    }),
    result: Ok,
  },
  "swarm.nodeRemove": {
    params: NodeParams.extend({ force: z.boolean().default(false) }),
    result: Ok,
  },
  "swarm.networks": {
    params: z.object({}),
    result: z.object({ networks: z.array(SwarmNetworkSchema) }),
  },
  "swarm.networkCreate": {
    params: z.object({ spec: OverlayNetworkSpecSchema }),
    result: z.object({ id: z.string(), name: z.string() }),
  },
  "swarm.networkRemove": { params: z.object({ network: NetworkRefSchema }), result: Ok },
  /** Services with their tasks (managers only). */
  "service.list": {
    params: z.object({}),
    result: z.object({ services: z.array(ServiceSummarySchema) }),
  },
  "service.inspect": { params: ServiceParams, result: z.object({ service: ServiceSummarySchema }) },
  /** Creates the service's secrets and configs first; `constraints` are final (hosts resolved). */
  "service.create": {
    params: z.object({ spec: ServiceSpecSchema, constraints: z.array(PlacementConstraintSchema) }),
    result: z.object({ id: z.string(), warnings: z.array(z.string()) }),
  },
  /** Image, replicas, update policy; a new image rolls out under the update policy. */
  "service.update": {
    params: ServiceParams.extend({ change: ServiceUpdateSchema }),
    result: z.object({ warnings: z.array(z.string()) }),
  },
  /** Back to the spec before the last update (`docker service rollback`). */
  "service.rollback": { params: ServiceParams, result: Ok },
  /** Removes the service, then the secrets and configs Berth made for it. */
  "service.remove": { params: ServiceParams, result: Ok },
  /** The last lines of every task's log, merged in time order. */
  "service.logs": {
    params: ServiceParams.extend({ tail: z.number().int().min(1).max(5000).default(200) }),
    result: z.object({ lines: z.array(ServiceLogLineSchema) }),
  },
} as const;
