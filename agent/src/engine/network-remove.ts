import type Docker from "dockerode";
import { BerthError, isBuiltInNetwork } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";
import { containersByNetwork, containersInWords } from "./network-summary";

/**
 * `docker network rm`, refused while containers are connected: the engine only refuses running
 * ones, and a stopped container whose network was removed can no longer start.
 */
export const networkRemove: CommandHandler<"network.remove"> = async ({ network }, { docker }) => {
  const inspect = (await docker.getNetwork(network).inspect()) as Docker.NetworkInspectInfo;
  if (isBuiltInNetwork(inspect.Name)) {
    throw new BerthError(
      "BAD_REQUEST",
      `${inspect.Name} is one of the engine's own networks (bridge, host and none): it cannot be removed.`,
    );
  }
  const connected =
    containersByNetwork(await docker.listContainers({ all: true }), (name) =>
      name === inspect.Name ? inspect.Id : undefined,
    ).get(inspect.Id) ?? [];
  if (connected.length > 0) {
    const one = connected.length === 1;
    throw new BerthError(
      "CONFLICT",
      `${inspect.Name} is still in use: ${containersInWords(connected)} ${one ? "is" : "are"} connected to it. Disconnect or remove ${one ? "that container" : "those containers"} first.`,
    );
  }
  await docker.getNetwork(inspect.Id).remove();
  return { ok: true };
};
