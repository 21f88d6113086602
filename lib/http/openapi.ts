import { z } from "zod";
import { ContainerSummarySchema, EngineInfoSchema, WireErrorSchema } from "@/lib/protocol";
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

// The schemas above must describe what the services really return.
type Describes<S extends z.ZodType, T> = T extends z.infer<S> ? true : never;
const hostMatches: Describes<typeof HostSchema, HostView> = true;
const rowMatches: Describes<typeof ContainerRowSchema, ContainerRow> = true;
void [hostMatches, rowMatches];

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
const CONTAINER = pathParam("containerId", "A container id or name.");

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Berth API",
      version: "1",
      description:
        "Hosts and containers with the rights of the token's owner. Authenticate with a personal API token (Settings → API tokens): `Authorization: Bearer <token>`. Hosts the owner may not see answer 404; a visible host with too weak a role answers 403.",
    },
    servers: [{ url: `${serverUrl.replace(/\/+$/, "")}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: {
        Unauthenticated: json(z.object({ error: WireErrorSchema }), "No valid token."),
        Forbidden: json(z.object({ error: WireErrorSchema }), "The role on the host is too weak."),
        NotFound: json(z.object({ error: WireErrorSchema }), "No such host or container."),
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
      },
      "/containers": {
        get: {
          summary: "Containers on every host the caller may see, filtered, sorted and paged",
          operationId: "listContainers",
          parameters: queryParameters(ContainerQuerySchema),
          responses: { "200": json(ContainerPageSchema, "One page of containers."), ...errors },
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
    },
  };
}
