import { ComposeFieldError } from "./compose-field-error";

type Path = (string | number)[];

/** How a service joins one of the project's networks. */
export interface ServiceNetwork {
  aliases: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  /** Higher first: the container is created on the highest-priority network. */
  priority: number;
}

/**
 * A service's `networks` (list or mapping) keyed by network key. A service that lists none and
 * has no `network_mode` is on `default`, as compose adds it implicitly.
 */
export function serviceNetworks(
  service: Record<string, unknown>,
  path: Path,
): Record<string, ServiceNetwork> {
  const value = service.networks;
  if (value === undefined || value === null) {
    return service.network_mode === undefined ? { default: { aliases: [], priority: 0 } } : {};
  }
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((key) => [String(key), { aliases: [], priority: 0 }]));
  }
  if (typeof value !== "object")
    throw new ComposeFieldError(path, "networks must be a list or a mapping");
  const networks: Record<string, ServiceNetwork> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const long = (entry ?? {}) as Record<string, unknown>;
    networks[key] = {
      aliases: Array.isArray(long.aliases) ? long.aliases.map(String) : [],
      ...(typeof long.ipv4_address === "string" && { ipv4Address: long.ipv4_address }),
      ...(typeof long.ipv6_address === "string" && { ipv6Address: long.ipv6_address }),
      priority: typeof long.priority === "number" ? long.priority : 0,
    };
  }
  return networks;
}
