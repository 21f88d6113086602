import {
  BerthError,
  RunSpecSchema,
  type RunSpec,
  type ServiceSpec,
  type SwarmNode,
} from "@/lib/protocol";
import { readKnownNodes, type KnownNode } from "./swarm-hosts";

/** A node with the Berth host it is (null for an engine Berth does not manage). */
export type PlacedNode = SwarmNode & { hostId: string | null; hostName: string | null };

/**
 * Whether a node may satisfy one constraint. Constraints on what Berth cannot see from a manager
 * (engine labels, platform) count as satisfied: the policy is then checked on more hosts, never
 * fewer.
 */
function satisfies(node: SwarmNode, constraint: string): boolean {
  const match = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(constraint);
  if (!match) return true;
  const [, key = "", op, value] = match;
  let actual: string | undefined;
  if (key === "node.id") actual = node.id;
  else if (key === "node.hostname") actual = node.hostname;
  else if (key === "node.role") actual = node.role;
  else if (key.startsWith("node.labels.")) actual = node.labels[key.slice("node.labels.".length)];
  else return true;
  return op === "==" ? actual === value : actual !== value;
}

/** The nodes a service with these constraints may run on. */
export function nodesMatching(nodes: readonly PlacedNode[], constraints: readonly string[]) {
  return nodes.filter((n) => constraints.every((c) => satisfies(n, c)));
}

/** The manager's nodes, each with the Berth host it is (matched by swarm node id, current or last). */
export async function placeNodes(
  nodes: readonly SwarmNode[],
  fresh: readonly KnownNode[] = [],
): Promise<PlacedNode[]> {
  // hosts just asked come first: a swarm formed a moment ago is not in their stored engine info yet
  const known = [...fresh, ...(await readKnownNodes())];
  return nodes.map((node) => {
    // a node whose engine is down is still the host it was
    const host =
      known.find((k) => k.nodeId === node.id) ?? known.find((k) => k.lastNodeId === node.id);
    return { ...node, hostId: host?.hostId ?? null, hostName: host?.hostName ?? null };
  });
}

/**
 * The service's constraints with its chosen hosts added: one host is `node.id==…`; several are
 * every other node excluded (swarm constraints all have to hold, there is no "one of").
 */
export function placementConstraints(spec: ServiceSpec, nodes: readonly PlacedNode[]): string[] {
  if (spec.hostIds.length === 0) return spec.constraints;
  const chosen = spec.hostIds.map((hostId, i) => {
    const node = nodes.find((n) => n.hostId === hostId);
    if (!node) {
      throw new BerthError("BAD_REQUEST", "That host is not a node of this swarm.", `hostIds.${i}`);
    }
    return node;
  });
  const ids = new Set(chosen.map((n) => n.id));
  const placement =
    chosen.length === 1
      ? [`node.id==${chosen[0]!.id}`]
      : nodes.filter((n) => !ids.has(n.id)).map((n) => `node.id!=${n.id}`);
  return [...spec.constraints, ...placement];
}

/** What the host security policy judges of a service's tasks, as the run spec they amount to. */
export function runSpecOfService(spec: ServiceSpec): RunSpec {
  return RunSpecSchema.parse({
    image: spec.image,
    command: spec.command,
    env: spec.env,
    ports: spec.ports.map((p) => ({
      hostPort: p.hostPort,
      containerPort: p.containerPort,
      protocol: p.protocol,
    })),
    volumes: spec.volumes,
    binds: spec.binds,
    tmpfs: spec.tmpfs.map((t) => ({ target: t.target })),
    capAdd: spec.capAdd,
    cpus: spec.limits.cpus,
    memoryBytes: spec.limits.memoryBytes,
  });
}
