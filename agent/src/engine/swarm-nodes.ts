import { NodeAvailabilitySchema, NodeRoleSchema, type SwarmNode } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";

type EngineNode = {
  ID: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> };
  Description?: { Hostname?: string };
  Status?: { State?: string; Addr?: string; Message?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
};

export function toSwarmNode(node: EngineNode): SwarmNode {
  const role = NodeRoleSchema.safeParse(node.Spec?.Role);
  const availability = NodeAvailabilitySchema.safeParse(node.Spec?.Availability);
  return {
    id: node.ID,
    hostname: node.Description?.Hostname ?? "",
    role: role.success ? role.data : "worker",
    availability: availability.success ? availability.data : "active",
    state: node.Status?.State ?? "unknown",
    addr: node.Status?.Addr ?? "",
    message: node.Status?.Message ?? "",
    leader: node.ManagerStatus?.Leader === true,
    reachability: node.ManagerStatus ? (node.ManagerStatus.Reachability ?? "unknown") : null,
    labels: node.Spec?.Labels ?? {},
  };
}

/** `docker node ls` (managers only). */
export const swarmNodes: CommandHandler<"swarm.nodes"> = async (_params, { docker }) => {
  const nodes = (await docker.listNodes()) as EngineNode[];
  return { nodes: nodes.map(toSwarmNode).sort((a, b) => a.hostname.localeCompare(b.hostname)) };
};
