import type Docker from "dockerode";
import type { SwarmNetwork } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";

export function toSwarmNetwork(n: Docker.NetworkInspectInfo): SwarmNetwork {
  return {
    id: n.Id,
    name: n.Name,
    encrypted: n.Options?.encrypted !== undefined,
    attachable: n.Attachable === true,
    subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
    labels: n.Labels ?? {},
    createdAt: Date.parse(n.Created) || 0,
  };
}

/** The swarm's overlay networks (not the ingress network), as a manager lists them. */
export const swarmNetworks: CommandHandler<"swarm.networks"> = async (_params, { docker }) => {
  const networks = await docker.listNetworks({ filters: { driver: ["overlay"] } });
  return {
    networks: networks
      .filter((n) => n.Scope === "swarm" && !n.Ingress)
      .map(toSwarmNetwork)
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
};
