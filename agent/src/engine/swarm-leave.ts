import type { CommandHandler } from "./command-types";

/** `docker swarm leave`; force is needed for a manager (the server demotes one first). */
export const swarmLeave: CommandHandler<"swarm.leave"> = async ({ force }, ctx) => {
  await ctx.docker.swarmLeave({ force });
  ctx.swarmChanged?.();
  return { ok: true };
};
