import { ComposeFieldError } from "./compose-field-error";
import type { VariableLookup } from "./interpolate";
import { toKeyValues } from "./normalize-service";
import { NO_FILES, resolveStackPath, type StackFiles } from "./stack-files";

type Mapping = Record<string, unknown>;

export interface ComposeIpamPool {
  subnet?: string;
  gateway?: string;
  ipRange?: string;
}

/** A top-level network after normalisation; `name` is the engine name when set explicitly. */
export interface ComposeNetworkConfig {
  name?: string;
  external: boolean;
  driver?: string;
  driverOpts: Record<string, string>;
  ipam: { driver?: string; config: ComposeIpamPool[] };
  labels: Record<string, string>;
  internal: boolean;
  attachable: boolean;
  enableIPv6: boolean;
}

export interface ComposeVolumeConfig {
  name?: string;
  external: boolean;
  driver?: string;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
}

/** A top-level config or secret with its content already read (file, inline, or a variable). */
export interface ComposeFileConfig {
  content: string;
}

export function normalizeNetworks(value: Mapping): Record<string, ComposeNetworkConfig> {
  const networks: Record<string, ComposeNetworkConfig> = {};
  for (const [key, raw] of Object.entries(value)) {
    const network = (raw ?? {}) as Mapping;
    const ipam = (network.ipam ?? {}) as Mapping;
    const pools = Array.isArray(ipam.config) ? (ipam.config as Mapping[]) : [];
    networks[key] = {
      ...nameOf(network),
      external: isExternal(network),
      ...(typeof network.driver === "string" && { driver: network.driver }),
      driverOpts: stringMap(network.driver_opts),
      ipam: {
        ...(typeof ipam.driver === "string" && { driver: ipam.driver }),
        config: pools.map((pool) => ({
          ...(typeof pool.subnet === "string" && { subnet: pool.subnet }),
          ...(typeof pool.gateway === "string" && { gateway: pool.gateway }),
          ...(typeof pool.ip_range === "string" && { ipRange: pool.ip_range }),
        })),
      },
      labels: labelsOf(network.labels, ["networks", key, "labels"]),
      internal: network.internal === true,
      attachable: network.attachable === true,
      enableIPv6: network.enable_ipv6 === true,
    };
  }
  return networks;
}

export function normalizeVolumeConfigs(value: Mapping): Record<string, ComposeVolumeConfig> {
  const volumes: Record<string, ComposeVolumeConfig> = {};
  for (const [key, raw] of Object.entries(value)) {
    const volume = (raw ?? {}) as Mapping;
    volumes[key] = {
      ...nameOf(volume),
      external: isExternal(volume),
      ...(typeof volume.driver === "string" && { driver: volume.driver }),
      driverOpts: stringMap(volume.driver_opts),
      labels: labelsOf(volume.labels, ["volumes", key, "labels"]),
    };
  }
  return volumes;
}

/**
 * Configs or secrets with their content: `file:` (a file of the stack), `content:` or
 * `environment:` (a variable of the project). External ones live in a swarm, which a plain
 * engine has not, so they are refused.
 */
export function normalizeFileConfigs(
  section: "configs" | "secrets",
  value: Mapping,
  stack: StackFiles | undefined,
  lookup: VariableLookup,
): Record<string, ComposeFileConfig> {
  const configs: Record<string, ComposeFileConfig> = {};
  for (const [key, raw] of Object.entries(value)) {
    const config = (raw ?? {}) as Mapping;
    const path = [section, key];
    if (isExternal(config)) {
      throw new ComposeFieldError(
        [...path, "external"],
        `external ${section} need a swarm; give the content with file:, content: or environment:`,
      );
    }
    if (typeof config.content === "string") configs[key] = { content: config.content };
    else if (typeof config.environment === "string") {
      const content = lookup(config.environment);
      if (content === undefined) {
        throw new ComposeFieldError(
          [...path, "environment"],
          `variable ${config.environment} is not set`,
        );
      }
      configs[key] = { content };
    } else if (typeof config.file === "string") {
      const resolved = resolveStackPath(stack ?? NO_FILES, config.file);
      if ("error" in resolved) throw new ComposeFieldError([...path, "file"], resolved.error);
      const content = stack?.files.get(resolved.path);
      if (content === undefined) {
        throw new ComposeFieldError(
          [...path, "file"],
          `${config.file} is not among the stack's files`,
        );
      }
      configs[key] = { content };
    } else {
      throw new ComposeFieldError(path, `${section}.${key} needs file:, content: or environment:`);
    }
  }
  return configs;
}

/** `name:`, or the deprecated `external: { name }`. */
function nameOf(resource: Mapping): { name?: string } {
  if (typeof resource.name === "string") return { name: resource.name };
  const external = resource.external as Mapping | undefined;
  if (external && typeof external === "object" && typeof external.name === "string") {
    return { name: external.name };
  }
  return {};
}

function isExternal(resource: Mapping): boolean {
  return (
    resource.external === true ||
    (typeof resource.external === "object" && resource.external !== null)
  );
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, String(entry)]));
}

function labelsOf(value: unknown, path: (string | number)[]): Record<string, string> {
  return Object.fromEntries(toKeyValues(value, path).map(([key, entry]) => [key, entry ?? ""]));
}
