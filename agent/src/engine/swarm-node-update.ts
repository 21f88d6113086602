import type { CommandHandler } from "./command-types";

type NodeInspect = { Version?: { Index?: number }; Spec?: Record<string, unknown> };

/** `docker node update --availability|--role` on a manager, at the node's current version. */
export const swarmNodeUpdate: CommandHandler<"swarm.nodeUpdate"> = async (params, ctx) => {
  const node = ctx.docker.getNode(params.nodeId);
  const current = (await node.inspect()) as NodeInspect;
  await node.update({
    version: current.Version?.Index ?? 0,
    ...current.Spec,
    ...(params.availability ? { Availability: params.availability } : {}),
    ...(params.role ? { Role: params.role } : {}),
  });
  ctx.swarmChanged?.();
  return { ok: true };
};
