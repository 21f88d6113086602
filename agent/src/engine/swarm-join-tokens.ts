import { BerthError } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";

/** The swarm's join tokens (GET /swarm, managers only), for the server alone. */
export const swarmJoinTokens: CommandHandler<"swarm.joinTokens"> = async (_params, { docker }) => {
  const swarm = (await docker.swarmInspect()) as {
    JoinTokens?: { Worker?: string; Manager?: string };
  };
  const { Worker, Manager } = swarm.JoinTokens ?? {};
  if (!Worker || !Manager) throw new BerthError("CONFLICT", "This node is not a swarm manager.");
  return { worker: Worker, manager: Manager };
};
