import type { NetworkPruneResult } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";
import { listNetworkSummaries } from "./network-summary";

/**
 * `docker network prune`, as its documentation says it works: networks no container uses are
 * removed. The engine itself also removes networks only stopped containers use (which then no
 * longer start): those are kept and named. The engine's own networks are never touched.
 */
export const networkPrune: CommandHandler<"network.prune"> = async (_params, { docker }) => {
  const result: NetworkPruneResult = { deleted: [], kept: [] };
  for (const network of await listNetworkSummaries(docker)) {
    if (network.builtIn || network.ingress || network.scope !== "local") continue;
    if (network.containers.length > 0) {
      if (network.containers.every((c) => c.state !== "running")) {
        result.kept.push({ name: network.name, containers: network.containers.map((c) => c.name) });
      }
      continue;
    }
    try {
      await docker.getNetwork(network.id).remove();
      result.deleted.push(network.name);
    } catch (err) {
      // in use by the time it was reached (an endpoint the container list does not show), or
      // gone already: not pruned, and nothing to say
      const status = (err as { statusCode?: unknown }).statusCode;
      if (status !== 403 && status !== 404 && status !== 409) throw err;
    }
  }
  return result;
};
