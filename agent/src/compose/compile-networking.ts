import type { RunSpecInput } from "@/lib/protocol";
import type { ComposeDependency, ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import { serviceNetworks } from "./service-networks";

type Networking = Pick<RunSpecInput, "networks" | "networkMode" | "pidMode" | "ipcMode">;

export interface NetworkingContext {
  project: string;
  serviceName: string;
  /** Network key → engine name. */
  networkNames: Record<string, string>;
  /** The first container of another service, for `service:x` modes. */
  containerOf: (service: string) => string | undefined;
}

/**
 * Networks with aliases (the service name, as compose adds, then the configured ones) and static
 * addresses, the highest `priority` first (the one the container is created on), or a
 * network_mode. `service:x` modes point at x's first container, which the service then depends on.
 */
export function compileNetworking(
  service: ComposeService,
  context: NetworkingContext,
  implicitDependencies: Record<string, ComposeDependency>,
): Networking {
  const path = ["services", context.serviceName];
  const shared = (field: string, value: unknown) =>
    sharedNamespace(field, value, context, implicitDependencies);
  const modes: Networking = {
    ...(service.pid !== undefined && {
      pidMode: shared("pid", service.pid) as Networking["pidMode"],
    }),
    ...(service.ipc !== undefined && {
      ipcMode: shared("ipc", service.ipc) as Networking["ipcMode"],
    }),
  };
  const mode = service.network_mode;
  if (mode !== undefined) {
    if (mode === "bridge" || mode === "default")
      return { ...modes, networks: [{ name: "bridge" }] };
    return { ...modes, networkMode: shared("network_mode", mode) as Networking["networkMode"] };
  }
  const networks = Object.entries(serviceNetworks(service, [...path, "networks"]))
    .sort(([a, x], [b, y]) => y.priority - x.priority || (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, network]) => {
      const name = context.networkNames[key];
      if (!name)
        throw new ComposeFieldError([...path, "networks", key], `undefined network ${key}`);
      return {
        name,
        aliases: [...new Set([context.serviceName, ...network.aliases])],
        ...(network.ipv4Address && { ipv4Address: network.ipv4Address }),
        ...(network.ipv6Address && { ipv6Address: network.ipv6Address }),
      };
    });
  return { ...modes, networks };
}

/** `service:x` → `container:<x's first container>`; other values pass through for the schema. */
function sharedNamespace(
  field: string,
  value: unknown,
  context: NetworkingContext,
  implicitDependencies: Record<string, ComposeDependency>,
): string {
  const text = String(value);
  if (!text.startsWith("service:")) return text;
  const other = text.slice("service:".length);
  const container = context.containerOf(other);
  if (!container) {
    throw new ComposeFieldError(
      ["services", context.serviceName, field],
      `${field} refers to service ${other}, which is not an enabled service`,
    );
  }
  // compose adds this dependency so x runs first and a recreate of x restarts this service.
  implicitDependencies[other] = { condition: "service_started", required: true, restart: true };
  return `container:${container}`;
}
