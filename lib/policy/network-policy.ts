import type { HostRoleName } from "@/lib/auth/permissions";
import { LAN_DRIVERS, type NetworkSpec } from "@/lib/protocol/networks";
import type { HostSecurityPolicy, PolicyViolation } from "@/lib/protocol/policy";
import { HINT, NAMESPACE_HARM } from "./evaluate-policy";

/** The bridge driver's option naming the host bridge; an existing one is adopted, not made. */
export const BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";

/**
 * What the host's policy refuses of a new network for `role`: below HOST_ADMIN, without
 * allowLanNetworks, a macvlan or ipvlan network (its containers sit on the host's physical LAN,
 * beside the host, outside its NAT and firewall) and a bridge network on an existing host
 * interface (the engine adopts an existing bridge, with whatever is already on it).
 * `hostInterfaces` are the names of the host's interfaces; empty when not known (the browser),
 * where only the server's answer decides.
 */
export function networkCreateViolations(
  spec: Pick<NetworkSpec, "driver" | "options" | "parent">,
  policy: HostSecurityPolicy,
  role: HostRoleName,
  hostInterfaces: readonly string[],
): PolicyViolation[] {
  if (role === "HOST_ADMIN" || policy.allowLanNetworks) return [];
  const out: PolicyViolation[] = [];
  if (LAN_DRIVERS.includes(spec.driver)) {
    out.push({
      rule: "lanNetwork",
      field: "driver",
      message: `A ${spec.driver} network is refused: its containers would sit on the host's physical network${spec.parent ? ` (${spec.parent})` : ""}, beside the host and outside its NAT and firewall, with addresses of their own on the LAN. ${HINT}`,
    });
  }
  const bridge = spec.options[BRIDGE_NAME_OPTION];
  if (bridge !== undefined && hostInterfaces.includes(bridge)) {
    out.push({
      rule: "lanNetwork",
      field: "options",
      message: `A network on the host's existing interface ${bridge} is refused: the engine would put its containers on that bridge, beside everything already on it. ${HINT}`,
    });
  }
  return out;
}

/**
 * What the host's policy refuses of connecting a container to `network` for `role`: the host
 * network is host networking (the container would bind the host's ports and reach what listens
 * only on the host), refused below HOST_ADMIN unless the policy allows the host's network.
 */
export function networkConnectViolations(
  network: { name: string; driver: string },
  policy: HostSecurityPolicy,
  role: HostRoleName,
): PolicyViolation[] {
  if (role === "HOST_ADMIN" || network.driver !== "host") return [];
  if (policy.hostNamespaces.includes("network")) return [];
  return [
    { rule: "hostNamespace", field: "network", message: `${NAMESPACE_HARM.network} ${HINT}` },
  ];
}
