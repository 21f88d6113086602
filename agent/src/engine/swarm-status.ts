import type { CommandHandler } from "./command-types";
import { readSwarmStatus } from "./read-swarm-status";

export const swarmStatus: CommandHandler<"swarm.status"> = (_params, { docker }) =>
  readSwarmStatus(docker);
