import type { CommandHandler } from "./command-types";

/** `docker network disconnect [-f] network container` */
export const networkDisconnect: CommandHandler<"network.disconnect"> = async (
  { network, container, force },
  { docker },
) => {
  await docker.getNetwork(network).disconnect({ Container: container, Force: force });
  return { ok: true };
};
