import type { CommandHandler } from "./command-types";
import { readEngineInfo } from "./read-engine-info";

export const engineInfo: CommandHandler<"engine.info"> = async (_params, { docker }) =>
  (await readEngineInfo(docker)).info;
