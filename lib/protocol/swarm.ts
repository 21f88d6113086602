import { z } from "zod";
import { IPv4Schema } from "./containers";
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

const Ok = z.object({ ok: z.literal(true) });
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
} as const;
