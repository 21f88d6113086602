import type Docker from "dockerode";
import type { NetworkContainer } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";
import { containersByNetwork, toNetworkSummary } from "./network-summary";

/** `docker network inspect`, with every connected container and the aliases it answers to. */
export const networkInspect: CommandHandler<"network.inspect"> = async (
  { network },
  { docker },
) => {
  const inspect = (await docker.getNetwork(network).inspect()) as Docker.NetworkInspectInfo;
  const all = await docker.listContainers({ all: true });
  const connected =
    containersByNetwork(all, (name) => (name === inspect.Name ? inspect.Id : undefined)).get(
      inspect.Id,
    ) ?? [];
  // the list leaves aliases out: only each container's own inspect has them
  const withAliases = await Promise.all(
    connected.map(async (c): Promise<NetworkContainer> => {
      try {
        const info = await docker.getContainer(c.id).inspect();
        const endpoint = info.NetworkSettings.Networks[inspect.Name];
        return { ...c, aliases: endpoint?.Aliases ?? [] };
      } catch {
        return c; // removed meanwhile: the list said what it knew
      }
    }),
  );
  return {
    network: toNetworkSummary(inspect, withAliases),
    inspect: inspect as unknown as Record<string, unknown>,
  };
};
