import type { CommandHandler } from "./command-types";
import { listNetworkSummaries } from "./network-summary";

/** `docker network ls` with the containers (any state) connected to each network. */
export const networkList: CommandHandler<"network.list"> = async (_params, { docker }) => ({
  networks: await listNetworkSummaries(docker),
});
