import { readHostInterfaces } from "../host/interfaces";
import type { CommandHandler } from "./command-types";

/** The host's network interfaces: names, addresses, up or down, and what kind they are. */
export const hostInterfaces: CommandHandler<"host.interfaces"> = async () => ({
  interfaces: await readHostInterfaces(),
});
