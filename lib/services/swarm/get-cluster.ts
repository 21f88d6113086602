import type {
  NetworkContainer,
  ServiceSummary,
  SwarmNetwork,
  SwarmNode,
  SwarmStatus,
} from "@/lib/protocol";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";
import { readAdvertiseAddresses } from "./advertise-address";
import { findManagerHost, managerNodeIds, readKnownNodes } from "./swarm-hosts";

export type ClusterHost = {
  id: string;
  name: string;
  online: boolean;
  role: HostRoleName;
  /** The engine's swarm state; null while the host is offline or its agent cannot say. */
  swarmState: string | null;
  nodeId: string | null;
  manager: boolean;
  /** Index into `swarms` of the swarm the host is in. */
  swarm: number | null;
  /** IPv4 addresses it can advertise, and the one Berth suggests. */
  addresses: string[];
  suggestedAddr: string | null;
  error?: string;
};

export type ClusterNode = SwarmNode & { hostId: string | null; hostName: string | null };

export type ClusterNetwork = SwarmNetwork & {
  /** The member hosts the network reaches, with the containers attached there. */
  hosts: Array<{ hostId: string; hostName: string; containers: NetworkContainer[] }>;
};

export type ClusterSwarm = {
  id: string;
  /** The manager Berth asked; null when none of its managers is a host the user can see. */
  managerHostId: string | null;
  managerHostName: string | null;
  nodes: ClusterNode[];
  networks: ClusterNetwork[];
  /** Services with their tasks; empty when the caller may not read containers on the manager. */
  services: ServiceSummary[];
  managers: { total: number; reachable: number };
  error?: string;
};

export type Cluster = { hosts: ClusterHost[]; swarms: ClusterSwarm[] };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The fleet as swarms: every visible host with its swarm state, and per swarm its nodes (matched
 * to hosts by node id), its overlay networks with the containers attached on each host. Swarm-wide
 * lists come from a manager the user can see; a swarm whose managers they cannot see shows only
 * their own hosts.
 */
export async function getCluster(user: SessionUser): Promise<Cluster> {
  const hub = getAgentHub();
  const access = await listHostAccess(user);
  const known = await readKnownNodes();
  const hosts: Array<ClusterHost & { status: SwarmStatus | null }> = await Promise.all(
    access.map(async (h) => {
      // a host whose engine does not answer is known by the node id it last had
      const stored = known.find((k) => k.hostId === h.id)?.lastNodeId ?? null;
      const base = {
        id: h.id,
        name: h.name,
        role: h.role,
        online: hub.isOnline(h.id),
        swarmState: null,
        nodeId: stored,
        manager: false,
        swarm: null,
        addresses: [],
        suggestedAddr: null,
        status: null,
      };
      if (!base.online) return base;
      try {
        const [status, addresses] = await Promise.all([
          hub.call(h.id, "swarm.status", {}),
          roleAllows(h.role, "network.read")
            ? readAdvertiseAddresses(h.id, h.address)
            : { addresses: [], suggested: null },
        ]);
        return {
          ...base,
          status,
          swarmState: status.state,
          nodeId: status.nodeId || null,
          manager: status.manager,
          addresses: addresses.addresses,
          suggestedAddr: addresses.suggested,
          ...(status.error ? { error: status.error } : {}),
        };
      } catch (err) {
        return { ...base, error: message(err) };
      }
    }),
  );

  // hosts whose known managers overlap are in one swarm
  const groups: Array<{ managerIds: Set<string>; hosts: typeof hosts }> = [];
  for (const host of hosts) {
    if (host.status?.state !== "active") continue;
    const ids = managerNodeIds(host.status);
    const group = groups.find((g) => ids.some((id) => g.managerIds.has(id)));
    if (group) {
      ids.forEach((id) => group.managerIds.add(id));
      group.hosts.push(host);
    } else {
      groups.push({ managerIds: new Set(ids), hosts: [host] });
    }
  }
  const visible = new Map(access.map((h) => [h.id, h]));
  const swarms = await Promise.all(
    groups.map(async (group, index): Promise<ClusterSwarm> => {
      group.hosts.forEach((h) => (h.swarm = index));
      const first = group.hosts[0]!.status!;
      const manager = await findManagerHost(
        first,
        group.hosts.map((h) => h.id),
      );
      const empty: ClusterSwarm = {
        id: first.clusterId || first.nodeId,
        managerHostId: null,
        managerHostName: null,
        nodes: [],
        networks: [],
        services: [],
        managers: { total: group.managerIds.size, reachable: 0 },
      };
      if (!manager || !visible.has(manager.hostId)) {
        return {
          ...empty,
          error: manager
            ? "None of this swarm's managers is a host you can see: its nodes and networks are not shown."
            : "No manager of this swarm is online in Berth.",
        };
      }
      try {
        const readsServices = roleAllows(visible.get(manager.hostId)!.role, "container.read");
        const [{ nodes }, { networks }, { services }] = await Promise.all([
          hub.call(manager.hostId, "swarm.nodes", {}),
          hub.call(manager.hostId, "swarm.networks", {}),
          readsServices ? hub.call(manager.hostId, "service.list", {}) : { services: [] },
        ]);
        const clusterNodes: ClusterNode[] = nodes.map((node) => {
          // what an agent says now, else the node id it last reported (offline hosts)
          const host =
            hosts.find((h) => h.status?.nodeId === node.id) ??
            hosts.find((h) => h.status === null && h.nodeId === node.id);
          return { ...node, hostId: host?.id ?? null, hostName: host?.name ?? null };
        });
        // offline hosts are known by the node id they last reported
        for (const host of hosts) {
          if (host.swarm === null && clusterNodes.some((n) => n.hostId === host.id)) {
            host.swarm = index;
          }
        }
        const managersOf = nodes.filter((n) => n.role === "manager");
        return {
          ...empty,
          id: manager.status.clusterId || empty.id,
          managerHostId: manager.hostId,
          managerHostName: manager.hostName,
          nodes: clusterNodes,
          networks: await attachedContainers(networks, group.hosts),
          services,
          managers: {
            total: managersOf.length,
            reachable: managersOf.filter((n) => n.reachability === "reachable").length,
          },
        };
      } catch (err) {
        return { ...empty, error: message(err) };
      }
    }),
  );
  return { hosts: hosts.map(({ status: _status, ...host }) => host), swarms };
}

/** Each network with the member hosts it reaches and the containers attached on each. */
async function attachedContainers(
  networks: readonly SwarmNetwork[],
  members: ReadonlyArray<{ id: string; name: string; role: HostRoleName; online: boolean }>,
): Promise<ClusterNetwork[]> {
  const hub = getAgentHub();
  const listed = await Promise.all(
    members
      .filter((m) => m.online && roleAllows(m.role, "network.read"))
      .map(async (m) => ({
        host: m,
        networks: (await hub.call(m.id, "network.list", {}).catch(() => null))?.networks ?? [],
      })),
  );
  return networks.map((network) => ({
    ...network,
    hosts: listed.flatMap(({ host, networks: local }) => {
      const here = local.find((n) => n.id === network.id);
      return here ? [{ hostId: host.id, hostName: host.name, containers: here.containers }] : [];
    }),
  }));
}
