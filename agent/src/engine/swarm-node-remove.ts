import type { CommandHandler } from "./command-types";

/** `docker node rm` on a manager: the node of a host that left, or one that is gone for good. */
export const swarmNodeRemove: CommandHandler<"swarm.nodeRemove"> = async (params, ctx) => {
  await ctx.docker.getNode(params.nodeId).remove({ force: params.force });
  ctx.swarmChanged?.();
  return { ok: true };
};
