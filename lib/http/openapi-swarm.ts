import { z } from "zod";
import {
  NetworkContainerSchema,
  NodeAvailabilitySchema,
  OverlayNetworkRequestSchema,
  SwarmNetworkSchema,
  SwarmNodeSchema,
  WireErrorSchema,
} from "@/lib/protocol";
import { HOST_ROLES } from "@/lib/auth/permissions";
import type { Cluster } from "@/lib/services/swarm/get-cluster";
import type { CreatedOverlayNetwork } from "@/lib/services/swarm/create-overlay-network";
import type { OpenApiKit } from "./openapi-volumes";

const ClusterHostSchema = z.object({
  id: z.string(),
  name: z.string(),
  online: z.boolean(),
  role: z.enum(HOST_ROLES),
  swarmState: z.string().nullable().describe("the engine's swarm state; null while offline"),
  nodeId: z.string().nullable(),
  manager: z.boolean(),
  swarm: z.number().int().nullable().describe("index into swarms"),
  addresses: z.array(z.string()).describe("IPv4 addresses the host can advertise"),
  suggestedAddr: z.string().nullable(),
  error: z.string().optional(),
});
const ClusterSchema = z.object({
  hosts: z.array(ClusterHostSchema),
  swarms: z.array(
    z.object({
      id: z.string(),
      managerHostId: z.string().nullable(),
      managerHostName: z.string().nullable(),
      nodes: z.array(
        SwarmNodeSchema.extend({ hostId: z.string().nullable(), hostName: z.string().nullable() }),
      ),
      networks: z.array(
        SwarmNetworkSchema.extend({
          hosts: z.array(
            z.object({
              hostId: z.string(),
              hostName: z.string(),
              containers: z.array(NetworkContainerSchema),
            }),
          ),
        }),
      ),
      managers: z.object({ total: z.number().int(), reachable: z.number().int() }),
      error: z.string().optional(),
    }),
  ),
});
const CreatedOverlaySchema = z.object({
  id: z.string(),
  name: z.string(),
  managerHostId: z.string(),
  members: z.array(
    z.object({
      hostId: z.string(),
      hostName: z.string(),
      action: z.enum(["member", "joined", "initialized", "promoted"]),
      role: z.enum(["manager", "worker"]),
      advertiseAddr: z.string(),
    }),
  ),
});

type Describes<S extends z.ZodType, T> = T extends z.infer<S> ? true : never;
const described: [
  Describes<typeof ClusterSchema, Cluster>,
  Describes<typeof CreatedOverlaySchema, CreatedOverlayNetwork>,
] = [true, true];
void described;

/** The swarm operations of /api/v1: overlay networks across hosts, nodes, services. */
export function swarmPaths(kit: OpenApiKit) {
  const { schema, json, errors, host } = kit;
  const failed = (description: string) => json(z.object({ error: WireErrorSchema }), description);
  const jsonBody = (s: z.ZodType) => ({
    required: true,
    content: { "application/json": { schema: schema(s, "input") } },
  });
  return {
    "/swarm": {
      get: {
        summary: "The fleet as swarms: hosts, nodes, overlay networks with attached containers",
        description:
          "Every host the caller may see with its swarm state. A swarm's nodes and networks come from one of its managers, shown only when that manager is a host the caller may see. Nodes are matched to hosts by the engine's swarm node id.",
        operationId: "getCluster",
        responses: { "200": json(ClusterSchema, "The cluster."), ...errors },
      },
    },
    "/swarm/networks": {
      post: {
        summary: "Create an attachable overlay network across hosts",
        description:
          "DEPLOYER (network.manage) on every host listed and on the manager used. Hosts outside a swarm are put in the swarm the others are in, or found one: managers until there are three (one in a swarm of fewer than three nodes), workers after. Each advertises `advertiseAddr`, or the address suggested from its interfaces; an address that is not the host's own is refused (400, `error.field` = `hosts.N.advertiseAddr`). A host offline answers 503 naming it. Join tokens never leave the server. The engines here need `dnsrr` endpoint mode and host-mode ports for services (no IPVS).",
        operationId: "createOverlayNetwork",
        requestBody: jsonBody(OverlayNetworkRequestSchema),
        responses: {
          "201": json(CreatedOverlaySchema, "Created; what each host did."),
          "400": failed("Not valid; error.field names the field or host row."),
          "409": failed("Hosts in different swarms, a name in use, or a node that did not join."),
          "503": failed("A host is offline."),
          ...errors,
        },
      },
    },
    "/swarm/networks/{network}": {
      delete: {
        summary: "Remove an overlay network",
        description:
          "DEPLOYER on the host named by `host` and on the manager. Refused (409) while containers are attached, naming them and their hosts; the engine refuses while a service uses it.",
        operationId: "removeOverlayNetwork",
        parameters: [
          { name: "network", in: "path", required: true, schema: { type: "string" } },
          {
            name: "host",
            in: "query",
            required: true,
            schema: { type: "string" },
            description: "a host of the swarm",
          },
        ],
        responses: {
          "200": json(z.object({ ok: z.literal(true) }), "Removed."),
          "409": failed("In use."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/swarm/{action}": {
      post: {
        summary: "Drain, pause or activate the host's swarm node, or make the host leave",
        description:
          "HOST_ADMIN (host.manage) on the host. `drain` moves its service tasks to other nodes; `activate` takes tasks again. `leave` demotes a manager first (another manager must be online in Berth), leaves, and removes its node from the swarm.",
        operationId: "swarmNodeAction",
        parameters: [
          host,
          {
            name: "action",
            in: "path",
            required: true,
            schema: { type: "string", enum: ["drain", "pause", "activate", "leave"] },
          },
        ],
        responses: {
          "200": json(
            z.union([
              z.object({ availability: NodeAvailabilitySchema }),
              z.object({ left: z.literal(true) }),
            ]),
            "Done.",
          ),
          "409": failed("Not in a swarm, or no manager reachable."),
          ...errors,
        },
      },
    },
  };
}
