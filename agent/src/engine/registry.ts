import type { CommandRegistry } from "./command-types";
import { engineInfo } from "./engine-info";
import { enginePing } from "./engine-ping";

/** Command name → handler. One file per command under src/engine/. */
export const commandRegistry: CommandRegistry = {
  "engine.info": engineInfo,
  "engine.ping": enginePing,
};
