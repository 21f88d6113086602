import { z } from "zod";
import {
  NetworkContainerSchema,
  NodeAvailabilitySchema,
  OverlayNetworkRequestSchema,
  ServiceLogLineSchema,
  ServiceSpecSchema,
  ServiceSummarySchema,
  ServiceUpdateSchema,
  SwarmNetworkSchema,
  SwarmNodeSchema,
  WireErrorSchema,
} from "@/lib/protocol";
import { HOST_ROLES } from "@/lib/auth/permissions";
import type { Cluster } from "@/lib/services/swarm/get-cluster";
import type { CreatedOverlayNetwork } from "@/lib/services/swarm/create-overlay-network";
import type { CreatedService } from "@/lib/services/swarm/create-service";
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
      services: z.array(ServiceSummarySchema),
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

const CreatedServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  hosts: z.array(z.string()).describe("the hosts its tasks may run on"),
  warnings: z.array(z.string()),
});

type Describes<S extends z.ZodType, T> = T extends z.infer<S> ? true : never;
const described: [
  Describes<typeof ClusterSchema, Cluster>,
  Describes<typeof CreatedOverlaySchema, CreatedOverlayNetwork>,
  Describes<typeof CreatedServiceSchema, CreatedService>,
] = [true, true, true];
void described;

/** The swarm operations of /api/v1: overlay networks across hosts, nodes, services. */
export function swarmPaths(kit: OpenApiKit) {
  const { schema, json, errors, host } = kit;
  const service = {
    name: "service",
    in: "path",
    required: true,
    schema: { type: "string" },
    description: "a service id or name",
  };
  const serviceGuard =
    "DEPLOYER (container.create) on the manager and on every host the service may run on under its placement; an unknown service answers 404.";
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
    "/hosts/{hostId}/swarm/services": {
      post: {
        summary: "Create a replicated or global swarm service in the swarm the host is in",
        description:
          "DEPLOYER (container.create) on the manager and on every host the service may run on (its hosts, or every node its constraints allow). The spec passes the security policy of each of those hosts for the caller's role there, as the run form does: a refusal answers 403 with `error.violations`, each message naming its host. A node that is not a host the caller can see answers 403: place the service on the caller's hosts. Endpoint mode is always dnsrr and ports are published in host mode (no IPVS needed). Secrets and configs are created for the service, mounted at /run/secrets/<name> and the config's target, and never read back.",
        operationId: "createService",
        parameters: [host],
        requestBody: jsonBody(ServiceSpecSchema),
        responses: {
          "201": json(CreatedServiceSchema, "Created."),
          "400": failed("Not valid; error.field names the field."),
          "409": failed("A service of that name exists, or the host is not in a swarm."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/swarm/services/{service}": {
      patch: {
        summary: "Scale a service, roll out a new image, or change its update policy",
        description: `${serviceGuard} A new image rolls out task by task under the update policy (parallelism, delay, failure action, order).`,
        operationId: "updateService",
        parameters: [host, service],
        requestBody: jsonBody(ServiceUpdateSchema),
        responses: {
          "200": json(z.object({ ok: z.literal(true), warnings: z.array(z.string()) }), "Done."),
          ...errors,
        },
      },
      delete: {
        summary: "Remove a service, and the secrets and configs made for it",
        description: serviceGuard,
        operationId: "removeService",
        parameters: [host, service],
        responses: {
          "200": json(z.object({ ok: z.literal(true), warnings: z.array(z.string()) }), "Done."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/swarm/services/{service}/rollback": {
      post: {
        summary: "Roll a service back to its spec before the last update",
        description: `${serviceGuard} A service never updated answers 409.`,
        operationId: "rollbackService",
        parameters: [host, service],
        responses: {
          "200": json(z.object({ ok: z.literal(true), warnings: z.array(z.string()) }), "Done."),
          "409": failed("Nothing to roll back to."),
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/swarm/services/{service}/logs": {
      get: {
        summary: "The last lines of every task of a service, merged in time order",
        description:
          "VIEWER (container.logs) on the manager and on every host the service may run on.",
        operationId: "getServiceLogs",
        parameters: [
          host,
          service,
          { name: "tail", in: "query", required: false, schema: { type: "integer" } },
        ],
        responses: {
          "200": json(
            z.object({
              lines: z.array(ServiceLogLineSchema.extend({ hostName: z.string().nullable() })),
            }),
            "Lines.",
          ),
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
