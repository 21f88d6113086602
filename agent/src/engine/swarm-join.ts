import { SWARM_PORT } from "@/lib/protocol";
import { checkAdvertiseAddress } from "./advertise-address";
import type { CommandHandler } from "./command-types";
import { readSwarmStatus } from "./read-swarm-status";

/** `docker swarm join` with a token the server got from a manager; the token is never logged. */
export const swarmJoin: CommandHandler<"swarm.join"> = async (params, ctx) => {
  await checkAdvertiseAddress(params.advertiseAddr);
  await ctx.docker.swarmJoin({
    ListenAddr: `0.0.0.0:${SWARM_PORT}`,
    AdvertiseAddr: params.advertiseAddr,
    RemoteAddrs: [params.remoteAddr],
    JoinToken: params.joinToken,
  });
  ctx.swarmChanged?.();
  return { nodeId: (await readSwarmStatus(ctx.docker)).nodeId };
};
