import type Docker from "dockerode";
import { BerthError } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";

/** Removes a swarm overlay network on a manager; the engine refuses while services use it. */
export const swarmNetworkRemove: CommandHandler<"swarm.networkRemove"> = async (
  { network },
  ctx,
) => {
  const inspect = (await ctx.docker.getNetwork(network).inspect()) as Docker.NetworkInspectInfo;
  if (inspect.Scope !== "swarm" || inspect.Ingress) {
    throw new BerthError("BAD_REQUEST", `${inspect.Name} is not an overlay network of the swarm.`);
  }
  await ctx.docker.getNetwork(inspect.Id).remove();
  ctx.swarmChanged?.();
  return { ok: true };
};
