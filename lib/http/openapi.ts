import { z } from "zod";
import {
  ContainerStateSchema,
  ContainerSummarySchema,
  EngineInfoSchema,
  HostInterfaceSchema,
  NetworkConnectParamsSchema,
  NetworkDisconnectParamsSchema,
  NetworkPruneResultSchema,
  NetworkSpecSchema,
  NetworkSummarySchema,
  RunSpecSchema,
  HostSecurityPolicySchema,
  PolicyUpdateSchema,
  WireErrorSchema,
} from "@/lib/protocol";
import { HOST_PERMISSIONS, HOST_ROLES } from "@/lib/auth/permissions";
import {
  CONTAINER_ACTIONS,
  ContainerActionSchema,
  type ContainerAction,
} from "@/lib/containers/container-actions";
import { ContainerQuerySchema } from "@/lib/services/containers/list-containers";
import { LogDownloadQuerySchema } from "@/lib/services/containers/download-container-logs";
import type { HostView } from "@/lib/services/hosts/host-view";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import type { CreatedContainer } from "@/lib/services/containers/create-container";
import type { GroupPolicyView, HostPolicyView } from "@/lib/services/policy/policy-view";
import { FINDING_CATEGORIES } from "@/lib/containers/security-findings";
import type { ContainerFindings } from "@/lib/services/security/list-container-findings";
import type { CreatedNetwork } from "@/lib/services/networks/create-network";
import type { NetworkDetail } from "@/lib/services/networks/get-network";
import { onboardingPaths, removeHostOperation } from "./openapi-onboarding";
import { volumePaths } from "./openapi-volumes";
import { swarmPaths } from "./openapi-swarm";
import { stackPaths } from "./openapi-stacks";
import { alertChannelPaths } from "./openapi-alert-channels";
import { alertPaths } from "./openapi-alerts";
import { imageUpdatePaths } from "./openapi-image-updates";

/*
 * The /api/v1 description. Request and response shapes come from zod schemas: the ones the
 * services validate with, and schemas for the views the services return (checked against those
 * views' types below), turned into JSON Schema 2020-12 as OpenAPI 3.1 uses.
 */

const RoleSchema = z.enum(HOST_ROLES);

const HostSchema = z.object({
  id: z.string(),
  name: z.string(),
  hostname: z.string().nullable(),
  address: z.string().nullable(),
  online: z.boolean(),
  lastSeenAt: z.number().nullable().describe("milliseconds since the epoch"),
  agentVersion: z.string().nullable(),
  engine: EngineInfoSchema.nullable(),
  createdAt: z.number(),
  role: RoleSchema.describe("the caller's role on this host"),
  keyRevoked: z.boolean(),
});

const ContainerRowSchema = ContainerSummarySchema.extend({
  hostId: z.string(),
  hostName: z.string(),
  hostOnline: z.boolean(),
  hostAddress: z.string().nullable(),
  role: RoleSchema,
});

const HostPolicySchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  own: HostSecurityPolicySchema.nullable().describe("the host's own policy; null when none"),
  groups: z.array(
    z.object({ id: z.string(), name: z.string(), policy: HostSecurityPolicySchema.nullable() }),
  ),
  effective: HostSecurityPolicySchema.describe(
    "what containers on the host must pass: every existing policy of the host and its groups at once, or the strict default when there is none",
  ),
  usesDefault: z.boolean(),
  canEdit: z.boolean().describe("the caller is HOST_ADMIN on the host"),
});

const GroupPolicySchema = z.object({
  groupId: z.string(),
  groupName: z.string(),
  own: HostSecurityPolicySchema.nullable(),
  hosts: z.array(z.object({ id: z.string(), name: z.string() })),
  canEdit: z.boolean(),
});

const FindingSchema = z.object({
  level: z.enum(["warn", "danger"]),
  details: z.array(z.string()),
});

const ContainerFindingsSchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  role: RoleSchema,
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: ContainerStateSchema,
  findings: z
    .partialRecord(z.enum(FINDING_CATEGORIES), FindingSchema)
    .nullable()
    .describe("null when the host's agent reports no security digest"),
  risk: z.number().describe("10 per dangerous finding, 3 per warning"),
});

// The schemas above must describe what the services really return.
type Describes<S extends z.ZodType, T> = T extends z.infer<S> ? true : never;
const hostMatches: Describes<typeof HostSchema, HostView> = true;
const rowMatches: Describes<typeof ContainerRowSchema, ContainerRow> = true;
const hostPolicyMatches: Describes<typeof HostPolicySchema, HostPolicyView> = true;
const groupPolicyMatches: Describes<typeof GroupPolicySchema, GroupPolicyView> = true;
const findingsMatch: Describes<typeof ContainerFindingsSchema, ContainerFindings> = true;
void [hostMatches, rowMatches, hostPolicyMatches, groupPolicyMatches, findingsMatch];

const CreatedContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  warnings: z.array(z.string()).describe("what the engine warned about while creating it"),
});
const createdMatches: Describes<typeof CreatedContainerSchema, CreatedContainer> = true;
void createdMatches;

const NetworkDetailSchema = z.object({
  network: NetworkSummarySchema,
  inspect: z
    .record(z.string(), z.unknown())
    .describe("docker network inspect, as the engine answers"),
  role: RoleSchema.describe("the caller's role on the host"),
});
const CreatedNetworkSchema = z.object({ id: z.string(), name: z.string() });
const networkDetailMatches: Describes<typeof NetworkDetailSchema, NetworkDetail> = true;
const createdNetworkMatches: Describes<typeof CreatedNetworkSchema, CreatedNetwork> = true;
void [networkDetailMatches, createdNetworkMatches];

const ContainerPageSchema = z.object({
  total: z.number().int(),
  items: z.array(ContainerRowSchema),
  hosts: z.array(z.object({ id: z.string(), name: z.string(), online: z.boolean() })),
});

const ContainerDetailsSchema = z.object({
  summary: ContainerRowSchema,
  inspect: z.record(z.string(), z.unknown()).describe("docker inspect, secret values masked"),
  env: z.array(z.object({ name: z.string(), value: z.string().nullable(), secret: z.boolean() })),
  security: z.unknown(),
  role: RoleSchema,
});

const schema = (s: z.ZodType, io: "input" | "output" = "output") =>
  z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" });

function queryParameters(s: z.ZodObject) {
  return Object.entries(s.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    schema: schema(field as z.ZodType, "input"),
  }));
}

const pathParam = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string" },
  description,
});

const json = (s: z.ZodType, description: string) => ({
  description,
  content: { "application/json": { schema: schema(s) } },
});

const errors = {
  "401": { $ref: "#/components/responses/Unauthenticated" },
  "403": { $ref: "#/components/responses/Forbidden" },
  "404": { $ref: "#/components/responses/NotFound" },
};

/** "start and stop need OPERATOR; remove needs DEPLOYER", read from the action table. */
function actionRoles(): string {
  const actions = Object.keys(CONTAINER_ACTIONS) as ContainerAction[];
  return HOST_ROLES.flatMap((role) => {
    const names = actions.filter((a) => HOST_PERMISSIONS[CONTAINER_ACTIONS[a].permission] === role);
    if (names.length === 0) return [];
    const list =
      names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    return [`${list} ${names.length === 1 ? "needs" : "need"} ${role}`];
  }).join("; ");
}

const HOST = pathParam("hostId", "A host id from GET /hosts.");
const GROUP = pathParam("groupId", "A host group id.");

const policyUpdate = {
  required: true,
  content: { "application/json": { schema: schema(PolicyUpdateSchema, "input") } },
};
const CONTAINER = pathParam("containerId", "A container id or name.");
const NETWORK = pathParam(
  "networkId",
  "A network id or name (a network named prune is reached by its id: /networks/prune is the prune operation).",
);

const networkErrors = {
  "400": json(z.object({ error: WireErrorSchema }), "Not valid; error.field names the field."),
  "409": json(
    z.object({ error: WireErrorSchema }),
    "In use, or taken; error.field names the field.",
  ),
  "502": json(z.object({ error: WireErrorSchema }), "The engine refused it."),
  "503": json(z.object({ error: WireErrorSchema }), "The host is offline."),
  ...errors,
};
const body = (s: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: schema(s, "input") } },
});

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Berth API",
      version: "1",
      description:
        "Hosts, containers, networks, volumes and compose stacks with the rights of the token's owner. Authenticate with a personal API token (Settings → API tokens): `Authorization: Bearer <token>`. Hosts the owner may not see answer 404; a visible host with too weak a role answers 403.",
    },
    servers: [{ url: `${serverUrl.replace(/\/+$/, "")}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: {
        Unauthenticated: json(z.object({ error: WireErrorSchema }), "No valid token."),
        Forbidden: json(
          z.object({ error: WireErrorSchema }),
          "The role on the host is too weak, or the host's security policy refuses it (see error.violations).",
        ),
        NotFound: json(z.object({ error: WireErrorSchema }), "No such host, container or volume."),
      },
    },
    paths: {
      "/hosts": {
        get: {
          summary: "Hosts the caller may see",
          operationId: "listHosts",
          responses: { "200": json(z.object({ hosts: z.array(HostSchema) }), "Hosts."), ...errors },
        },
      },
      "/hosts/{hostId}": {
        get: {
          summary: "One host",
          operationId: "getHost",
          parameters: [HOST],
          responses: { "200": json(z.object({ host: HostSchema }), "The host."), ...errors },
        },
        delete: removeHostOperation({ schema, json, queryParameters, errors, host: HOST }),
      },
      "/containers": {
        get: {
          summary: "Containers on every host the caller may see, filtered, sorted and paged",
          operationId: "listContainers",
          parameters: queryParameters(ContainerQuerySchema),
          responses: { "200": json(ContainerPageSchema, "One page of containers."), ...errors },
        },
      },
      "/hosts/{hostId}/containers": {
        post: {
          summary: "Create (and by default start) a container from a run spec, like docker run",
          description:
            "DEPLOYER or above. Below HOST_ADMIN the host's security policy applies; a refused spec answers 403 with one `{rule, field, message}` per refused setting in `error.violations`, and nothing is created. A missing image is pulled first.",
          operationId: "createContainer",
          parameters: [HOST],
          requestBody: {
            required: true,
            content: { "application/json": { schema: schema(RunSpecSchema, "input") } },
          },
          responses: {
            "201": json(CreatedContainerSchema, "Created."),
            "400": json(z.object({ error: WireErrorSchema }), "Not a valid run spec."),
            "502": json(z.object({ error: WireErrorSchema }), "The engine refused it."),
            "503": json(z.object({ error: WireErrorSchema }), "The host is offline."),
            ...errors,
          },
        },
      },
      "/hosts/{hostId}/containers/{containerId}/recreate": {
        post: {
          summary: "Replace a container with one made from a run spec (edit)",
          description:
            "DEPLOYER or above, under the host's security policy like create. The new container is created beside the old one, which is removed only once the new one runs; the old one stays when anything fails.",
          operationId: "recreateContainer",
          parameters: [HOST, CONTAINER],
          requestBody: {
            required: true,
            content: { "application/json": { schema: schema(RunSpecSchema, "input") } },
          },
          responses: {
            "200": json(CreatedContainerSchema, "The new container."),
            "400": json(z.object({ error: WireErrorSchema }), "Not a valid run spec."),
            "502": json(z.object({ error: WireErrorSchema }), "The engine refused it."),
            "503": json(z.object({ error: WireErrorSchema }), "The host is offline."),
            ...errors,
          },
        },
      },
      "/hosts/{hostId}/containers/{containerId}": {
        get: {
          summary: "One container, inspected",
          operationId: "getContainer",
          parameters: [HOST, CONTAINER],
          responses: {
            "200": json(z.object({ container: ContainerDetailsSchema }), "The container."),
            ...errors,
          },
        },
      },
      "/hosts/{hostId}/containers/{containerId}/{action}": {
        post: {
          summary: "A lifecycle action",
          description:
            `${actionRoles()}. ` +
            'Options go in the body, e.g. {"timeoutSeconds": 5} for stop, {"signal": "SIGHUP"} for kill, {"name": "new"} for rename, {"force": true} for remove.',
          operationId: "containerAction",
          parameters: [
            HOST,
            CONTAINER,
            {
              name: "action",
              in: "path",
              required: true,
              schema: schema(ContainerActionSchema),
            },
          ],
          requestBody: {
            required: false,
            content: { "application/json": { schema: { type: "object" } } },
          },
          responses: {
            "200": json(z.object({ result: z.unknown() }), "Done."),
            "400": json(z.object({ error: WireErrorSchema }), "Bad options."),
            "503": json(z.object({ error: WireErrorSchema }), "The host is offline."),
            ...errors,
          },
        },
      },
      "/hosts/{hostId}/policy": {
        get: {
          summary: "The host's security policy, its groups' and the effective one",
          description:
            "Visible to every role on the host. For every role below HOST_ADMIN a container must pass the effective policy: privileged mode, added capabilities, host and container namespaces, devices, GPUs, sysctls, security options, cgroup parent, log drivers and bind mounts are refused unless it allows them, and so are macvlan and ipvlan networks (allowLanNetworks) and connecting a container to the host network. HOST_ADMIN is bound only by allowProtectedPaths. A refused container answers 403 with `error.violations`, one `{rule, field, message}` per refused setting.",
          operationId: "getHostPolicy",
          parameters: [HOST],
          responses: { "200": json(HostPolicySchema, "The host's policies."), ...errors },
        },
        put: {
          summary: "Set or remove the host's own security policy",
          description:
            'HOST_ADMIN only; audited as policy.update with the values before and after. `{"policy": null}` removes it.',
          operationId: "updateHostPolicy",
          parameters: [HOST],
          requestBody: policyUpdate,
          responses: {
            "200": json(PolicyUpdateSchema, "The policy now set."),
            "400": json(z.object({ error: WireErrorSchema }), "Not a valid policy."),
            ...errors,
          },
        },
      },
      "/host-groups/{groupId}/policy": {
        get: {
          summary: "A host group's security policy",
          description:
            "Every host of the group must pass it as well as its own policy and its other groups'.",
          operationId: "getGroupPolicy",
          parameters: [GROUP],
          responses: { "200": json(GroupPolicySchema, "The group's policy."), ...errors },
        },
        put: {
          summary: "Set or remove a host group's security policy",
          description: "HOST_ADMIN on the group only; audited as policy.update.",
          operationId: "updateGroupPolicy",
          parameters: [GROUP],
          requestBody: policyUpdate,
          responses: {
            "200": json(PolicyUpdateSchema, "The policy now set."),
            "400": json(z.object({ error: WireErrorSchema }), "Not a valid policy."),
            ...errors,
          },
        },
      },
      "/security/containers": {
        get: {
          summary: "Every visible container with its security findings, riskiest first",
          operationId: "listContainerFindings",
          responses: {
            "200": json(
              z.object({ containers: z.array(ContainerFindingsSchema) }),
              "Containers and findings.",
            ),
            ...errors,
          },
        },
      },
      "/hosts/{hostId}/networks": {
        get: {
          summary: "The host's networks, with the containers connected to each",
          description: "VIEWER or above (network.read).",
          operationId: "listNetworks",
          parameters: [HOST],
          responses: {
            "200": json(z.object({ networks: z.array(NetworkSummarySchema) }), "Networks."),
            "503": json(z.object({ error: WireErrorSchema }), "The host is offline."),
            ...errors,
          },
        },
        post: {
          summary: "Create a network (bridge, macvlan or ipvlan), like docker network create",
          description:
            "DEPLOYER or above (network.manage). Below HOST_ADMIN, a macvlan or ipvlan network, and a bridge network on an existing host interface (com.docker.network.bridge.name), needs the host's security policy to allow LAN networks (allowLanNetworks); a refusal answers 403 with `error.violations`. A name in use, a parent interface the host lacks or another network of the driver has, and a subnet an existing network has answer 409 or 400 with `error.field`, and nothing is created.",
          operationId: "createNetwork",
          parameters: [HOST],
          requestBody: body(NetworkSpecSchema),
          responses: { "201": json(CreatedNetworkSchema, "Created."), ...networkErrors },
        },
      },
      "/hosts/{hostId}/networks/prune": {
        post: {
          summary: "Remove the networks no container uses",
          description:
            "DEPLOYER or above. Networks only stopped containers use are kept (they would no longer start) and listed in `kept`; bridge, host and none are never removed.",
          operationId: "pruneNetworks",
          parameters: [HOST],
          responses: {
            "200": json(NetworkPruneResultSchema, "What was removed and what was kept."),
            "503": json(z.object({ error: WireErrorSchema }), "The host is offline."),
            ...errors,
          },
        },
      },
      "/hosts/{hostId}/networks/{networkId}": {
        get: {
          summary: "One network: settings, connected containers with their aliases, inspect",
          operationId: "getNetwork",
          parameters: [HOST, NETWORK],
          responses: { "200": json(NetworkDetailSchema, "The network."), ...errors },
        },
        delete: {
          summary: "Remove a network",
          description:
            "DEPLOYER or above. Refused (409) while any container, running or stopped, is connected: the message names them. bridge, host and none cannot be removed (400).",
          operationId: "removeNetwork",
          parameters: [HOST, NETWORK],
          responses: {
            "200": json(z.object({ removed: z.string() }), "Removed."),
            ...networkErrors,
          },
        },
      },
      "/hosts/{hostId}/networks/{networkId}/connect": {
        post: {
          summary: "Connect a container to the network, with aliases and static addresses",
          description:
            "DEPLOYER or above. Connecting to the host network is host networking: below HOST_ADMIN it needs the host's policy to allow the host's network namespace (403 with `error.violations` otherwise).",
          operationId: "connectNetwork",
          parameters: [HOST, NETWORK],
          requestBody: body(NetworkConnectParamsSchema.omit({ network: true })),
          responses: {
            "200": json(z.object({ ok: z.literal(true) }), "Connected."),
            ...networkErrors,
          },
        },
      },
      "/hosts/{hostId}/networks/{networkId}/disconnect": {
        post: {
          summary: "Disconnect a container from the network",
          description: "DEPLOYER or above. `force` also removes a stale endpoint.",
          operationId: "disconnectNetwork",
          parameters: [HOST, NETWORK],
          requestBody: body(NetworkDisconnectParamsSchema.omit({ network: true })),
          responses: {
            "200": json(z.object({ ok: z.literal(true) }), "Disconnected."),
            ...networkErrors,
          },
        },
      },
      "/hosts/{hostId}/interfaces": {
        get: {
          summary: "The host's network interfaces (macvlan and ipvlan parents)",
          description: "VIEWER or above (network.read).",
          operationId: "listHostInterfaces",
          parameters: [HOST],
          responses: {
            "200": json(z.object({ interfaces: z.array(HostInterfaceSchema) }), "Interfaces."),
            "503": json(z.object({ error: WireErrorSchema }), "The host is offline."),
            ...errors,
          },
        },
      },
      "/hosts/{hostId}/containers/{containerId}/logs": {
        get: {
          summary: "Download the container's log as text",
          operationId: "downloadLogs",
          parameters: [HOST, CONTAINER, ...queryParameters(LogDownloadQuerySchema)],
          responses: {
            "200": {
              description: "The log, one line per record; stderr lines start with [stderr].",
              content: { "text/plain": { schema: { type: "string" } } },
            },
            ...errors,
          },
        },
      },
      ...volumePaths({ schema, json, queryParameters, errors, host: HOST }),
      ...onboardingPaths({ schema, json, queryParameters, errors, host: HOST }),
      ...swarmPaths({ schema, json, queryParameters, errors, host: HOST }),
      ...stackPaths({ schema, json, queryParameters, errors, host: HOST }),
      ...alertChannelPaths({ schema, json, queryParameters, errors, host: HOST }),
      ...alertPaths({ schema, json, queryParameters, errors, host: HOST }),
      ...imageUpdatePaths({ schema, json, queryParameters, errors, host: HOST }),
    },
  };
}
