import type { CommandHandler } from "./command-types";
import { listContainers } from "./container-summary";

export const containerList: CommandHandler<"container.list"> = async (_params, ctx) => ({
  containers: await listContainers(ctx.docker, {
    usage: ctx.containerUsage,
    digests: ctx.securityDigests,
  }),
});
