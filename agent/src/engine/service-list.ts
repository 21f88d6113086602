import type { CommandHandler } from "./command-types";
import { readServices } from "./service-summary";

/** `docker service ls` with every service's tasks (managers only). */
export const serviceList: CommandHandler<"service.list"> = async (_params, { docker }) => ({
  services: await readServices(docker),
});
