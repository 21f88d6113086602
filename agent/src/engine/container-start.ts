import type { CommandHandler } from "./command-types";
import { startContainer } from "./create-from-spec";

export const containerStart: CommandHandler<"container.start"> = async ({ id }, { docker }) => {
  await startContainer(docker, id);
  return { ok: true };
};
