import { BerthError } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";
import { readServices } from "./service-summary";

export const serviceInspect: CommandHandler<"service.inspect"> = async ({ id }, { docker }) => {
  const [service] = await readServices(docker, { id });
  if (!service) throw new BerthError("NOT_FOUND", `No service ${id}.`);
  return { service };
};
