import type Docker from "dockerode";
import { isBuiltInNetwork, type NetworkContainer, type NetworkSummary } from "@/lib/protocol";

const withPrefix = (address: string | undefined, prefix: number | undefined) =>
  address ? `${address}/${prefix ?? 0}` : "";

/**
 * The containers (any state) connected to each network, by network id, in name order. A container that never
 * ran may name its network without the network's id yet: `idOfName` finds it by name.
 */
export function containersByNetwork(
  containers: readonly Docker.ContainerInfo[],
  idOfName: (name: string) => string | undefined,
): Map<string, NetworkContainer[]> {
  const byNetwork = new Map<string, NetworkContainer[]>();
  for (const c of containers) {
    const networks = (c.NetworkSettings?.Networks ?? {}) as Record<string, Docker.NetworkInfo>;
    for (const [name, endpoint] of Object.entries(networks)) {
      const id = endpoint.NetworkID || idOfName(name);
      if (!id) continue;
      const list = byNetwork.get(id) ?? [];
      list.push({
        id: c.Id,
        name: (c.Names[0] ?? c.Id).replace(/^\//, ""),
        state: c.State,
        ipv4Address: withPrefix(endpoint.IPAddress, endpoint.IPPrefixLen),
        ipv6Address: withPrefix(endpoint.GlobalIPv6Address, endpoint.GlobalIPv6PrefixLen),
        macAddress: endpoint.MacAddress ?? "",
        aliases: Array.isArray(endpoint.Aliases) ? (endpoint.Aliases as string[]) : [],
      });
      byNetwork.set(id, list);
    }
  }
  for (const list of byNetwork.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return byNetwork;
}

/** One network of GET /networks (or its inspect) with its containers, as the protocol has it. */
export function toNetworkSummary(
  network: Docker.NetworkInspectInfo,
  containers: NetworkContainer[],
): NetworkSummary {
  const created = Date.parse(network.Created);
  return {
    id: network.Id,
    name: network.Name,
    driver: network.Driver,
    scope: network.Scope,
    createdAt: Number.isFinite(created) && created > 0 ? created : 0,
    internal: network.Internal,
    attachable: network.Attachable,
    ingress: network.Ingress,
    enableIPv6: network.EnableIPv6,
    ipam: (network.IPAM?.Config ?? []).flatMap((pool) =>
      pool.Subnet
        ? [
            {
              subnet: pool.Subnet,
              ...(pool.Gateway ? { gateway: pool.Gateway } : {}),
              ...(pool.IPRange ? { ipRange: pool.IPRange } : {}),
            },
          ]
        : [],
    ),
    options: network.Options ?? {},
    labels: network.Labels ?? {},
    builtIn: isBuiltInNetwork(network.Name),
    containers,
  };
}

/** Every network of the host with its containers. */
export async function listNetworkSummaries(docker: Docker): Promise<NetworkSummary[]> {
  const [networks, containers] = await Promise.all([
    docker.listNetworks(),
    docker.listContainers({ all: true }),
  ]);
  const byNetwork = containersByNetwork(
    containers,
    (name) => networks.find((n) => n.Name === name)?.Id,
  );
  return networks.map((n) => toNetworkSummary(n, byNetwork.get(n.Id) ?? []));
}

/** "web, db (exited) and cache": the containers in words, with the state of those not running. */
export function containersInWords(containers: readonly NetworkContainer[]): string {
  const names = containers.map((c) => (c.state === "running" ? c.name : `${c.name} (${c.state})`));
  return names.length > 1
    ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`
    : (names[0] ?? "");
}
