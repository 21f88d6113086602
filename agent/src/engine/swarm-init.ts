import { SWARM_PORT } from "@/lib/protocol";
import { checkAdvertiseAddress } from "./advertise-address";
import type { CommandHandler } from "./command-types";

/** `docker swarm init`: this engine becomes the first manager of a new swarm. */
export const swarmInit: CommandHandler<"swarm.init"> = async (params, ctx) => {
  await checkAdvertiseAddress(params.advertiseAddr);
  const nodeId = (await ctx.docker.swarmInit({
    ListenAddr: `0.0.0.0:${SWARM_PORT}`,
    AdvertiseAddr: params.advertiseAddr,
    ...(params.defaultAddrPool
      ? { DefaultAddrPool: [params.defaultAddrPool], SubnetSize: 24 }
      : {}),
  })) as unknown;
  ctx.swarmChanged?.();
  return { nodeId: typeof nodeId === "string" ? nodeId : String(nodeId) };
};
